package dev.forewarn.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.forewarn.ingest.testing.CollectSink;
import dev.forewarn.ingest.testing.TestCluster;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The telemetry source when its broker dies with {@code kill -9} together with the job (bench
 * faults, scenario 7), on a Mosquitto of the test's own with the shipped settings: a reader started
 * while the broker is still down, on a session the broker restored from its database without the
 * shared subscription, reads again once the broker is back.
 */
class BrokerKilledIT {

  private static final Path CONFIG = Path.of("..", "config", "mosquitto");

  @RegisterExtension
  static final MiniClusterExtension CLUSTER = TestCluster.withTwoSlots(InMemoryReporter.create());

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String prefix = "forewarn-it/" + run;
  private final String clientIdPrefix = "it-killed-" + run;

  @TempDir Path dir;
  private Path conf;
  private int port;
  private Process broker;

  @AfterEach
  void stopBroker() throws Exception {
    if (broker != null) {
      broker.destroy();
      broker.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void aReaderStartedBeforeItsKilledBrokerReadsAgainOnceTheBrokerIsBack() throws Exception {
    startBroker();
    MqttSourceSettings settings =
        new MqttSourceSettings(
            url(), "", "", clientIdPrefix, "$share/it-" + run + "/" + prefix + "/+", false, 100);
    CollectSink<MqttRecord> first = new CollectSink<>();
    JobClient firstJob = start(settings, first);
    untilRead(first, "before");
    // The session, without its shared subscription, is in the database from here on.
    saveDatabase();
    broker.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    stop(firstJob);

    CollectSink<MqttRecord> second = new CollectSink<>();
    JobClient secondJob = start(settings, second);
    Thread.sleep(3_000); // its first connects are refused
    startBroker();
    untilRead(second, "after");
    assertThat(second.received())
        .extracting(record -> new String(record.payload(), StandardCharsets.UTF_8))
        .anyMatch(payload -> payload.startsWith("after-"));
    stop(secondJob);
  }

  private void startBroker() throws Exception {
    if (conf == null) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
      try (ServerSocket free = new ServerSocket(0)) {
        port = free.getLocalPort();
      }
      List<String> lines = new ArrayList<>();
      lines.add("listener " + port + " 127.0.0.1");
      lines.add("allow_anonymous true");
      lines.add("persistence_location " + dir + "/");
      lines.addAll(Files.readAllLines(CONFIG.resolve("forewarn.conf")));
      conf = Files.write(dir.resolve("mosquitto.conf"), lines);
      Files.setPosixFilePermissions(conf, PosixFilePermissions.fromString("rw-r--r--"));
    }
    broker =
        new ProcessBuilder(binary(), "-c", conf.toString())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
            .start();
    await()
        .atMost(20, TimeUnit.SECONDS)
        .until(
            () -> {
              assertThat(broker.isAlive()).isTrue();
              try (Socket socket = new Socket("127.0.0.1", port)) {
                return true;
              } catch (IOException e) {
                return false;
              }
            });
  }

  /** SIGUSR1: Mosquitto writes its database now, as its autosave would. */
  private void saveDatabase() throws Exception {
    Path db = dir.resolve("mosquitto.db");
    new ProcessBuilder("kill", "-USR1", Long.toString(broker.pid())).start().waitFor();
    await().atMost(10, TimeUnit.SECONDS).until(() -> Files.exists(db));
    Thread.sleep(500);
  }

  private String url() {
    return "tcp://127.0.0.1:" + port;
  }

  /** Publishes {@code name-N} every 200 ms until the sink has one of them. */
  private void untilRead(CollectSink<MqttRecord> sink, String name) throws Exception {
    try (MqttClient publisher = new MqttClient(url(), "it-pub-" + run, new MemoryPersistence())) {
      publisher.connect();
      long[] seq = {0};
      await()
          .atMost(60, TimeUnit.SECONDS)
          .pollInterval(Duration.ofMillis(200))
          .until(
              () -> {
                publisher.publish(
                    prefix + "/" + name,
                    (name + "-" + seq[0]++).getBytes(StandardCharsets.UTF_8),
                    1,
                    false);
                return sink.received().stream()
                    .anyMatch(
                        record ->
                            new String(record.payload(), StandardCharsets.UTF_8)
                                .startsWith(name + "-"));
              });
      publisher.disconnect();
    }
  }

  private static JobClient start(MqttSourceSettings settings, CollectSink<MqttRecord> sink)
      throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromSource(new MqttSource(settings), WatermarkStrategy.noWatermarks(), "mqtt").sinkTo(sink);
    return env.executeAsync("broker-killed-it");
  }

  private static void stop(JobClient job) throws Exception {
    job.cancel().get(30, TimeUnit.SECONDS);
    try {
      job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
    } catch (Exception cancelled) {
      // expected: the job ends as cancelled
    }
  }

  private static String binary() {
    for (String dir : List.of("/usr/sbin", "/usr/bin", "/usr/local/sbin", "/sbin")) {
      if (Files.isExecutable(Path.of(dir, "mosquitto"))) {
        return dir + "/mosquitto";
      }
    }
    return "mosquitto";
  }
}
