package dev.forewarn.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.forewarn.ingest.job.IngestConfig;
import dev.forewarn.ingest.job.IngestJob;
import dev.forewarn.ingest.testing.Services;
import dev.forewarn.ingest.testing.TestSchema;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.flink.core.execution.JobClient;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttSecurityException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment configuration of the broker (config/mosquitto/deployment.conf, forewarn.acl and
 * forewarn.conf) on a Mosquitto of its own: a device authenticated as itself cannot publish as
 * another device, the telemetry job (authenticated as forewarn-ingest) receives each device's own
 * readings, and clients without a valid password are refused.
 */
class DeviceAuthenticationIT {

  private static final Path CONFIG = Path.of("..", "config", "mosquitto");
  private static final String JOB_USER = "forewarn-ingest";

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String deviceA = "auth-" + run + "-a";
  private final String deviceB = "auth-" + run + "-b";
  private final String influxDatabase = "forewarn_auth_" + run;
  private final Map<String, String> passwords =
      Map.of(
          JOB_USER, "job-" + UUID.randomUUID(),
          deviceA, "a-" + UUID.randomUUID(),
          deviceB, "b-" + UUID.randomUUID());
  private final TestSchema schema = TestSchema.migrated();

  @TempDir Path dir;
  private Process broker;
  private String url;

  @BeforeEach
  void startBroker() throws Exception {
    // Started as root, Mosquitto runs as its own user: it must read the files and write its data.
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxrwxrwx"));
    Path passwd = dir.resolve("passwd");
    Files.createFile(passwd);
    for (Map.Entry<String, String> user : passwords.entrySet()) {
      run(binary("mosquitto_passwd"), "-b", passwd.toString(), user.getKey(), user.getValue());
    }
    Path acl = Files.copy(CONFIG.resolve("forewarn.acl"), dir.resolve("forewarn.acl"));
    for (Path file : List.of(passwd, acl)) {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<String> conf = new ArrayList<>();
    conf.add("listener " + port + " 127.0.0.1");
    conf.add("persistence_location " + dir + "/");
    // The shipped deployment settings, with this test's password and ACL files in their place.
    for (String line : Files.readAllLines(CONFIG.resolve("deployment.conf"))) {
      if (line.startsWith("password_file ")) {
        line = "password_file " + passwd;
      } else if (line.startsWith("acl_file ")) {
        line = "acl_file " + acl;
      }
      conf.add(line);
    }
    conf.addAll(Files.readAllLines(CONFIG.resolve("forewarn.conf")));
    Path confFile = Files.write(dir.resolve("mosquitto.conf"), conf);
    Files.setPosixFilePermissions(confFile, PosixFilePermissions.fromString("rw-r--r--"));
    broker =
        new ProcessBuilder(binary("mosquitto"), "-c", confFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("mosquitto.log").toFile())
            .start();
    url = "tcp://127.0.0.1:" + port;
    int brokerPort = port;
    await()
        .atMost(20, TimeUnit.SECONDS)
        .until(
            () -> {
              assertThat(broker.isAlive()).as(log()).isTrue();
              try (Socket socket = new Socket("127.0.0.1", brokerPort)) {
                return true;
              } catch (IOException e) {
                return false;
              }
            });
  }

  @AfterEach
  void stopBroker() throws Exception {
    if (broker != null) {
      broker.destroy();
      broker.waitFor(10, TimeUnit.SECONDS);
    }
    InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl());
    influx.query(new Query("DROP DATABASE \"" + influxDatabase + "\"", null, true));
    influx.close();
    schema.close();
  }

  @Test
  void aDeviceCannotPublishAsAnotherWhileItsOwnReadingsReachTheJob() throws Exception {
    JobClient job = IngestJob.start(config());
    try (Device a = new Device(connect(deviceA, passwords.get(deviceA)));
        Device b = new Device(connect(deviceB, passwords.get(deviceB)))) {
      // A's own readings until the job has stored one: the job is subscribed from then on.
      long[] seq = {0};
      await()
          .atMost(90, TimeUnit.SECONDS)
          .pollInterval(500, TimeUnit.MILLISECONDS)
          .until(
              () -> {
                publish(a, deviceA, seq[0]++);
                return points(deviceA) > 0;
              });

      // A forges a reading and a SenML pack on B's topics, then sends one more of its own on the
      // same connection.
      publish(a, deviceB, 1_000);
      publishSenml(a, deviceB, 99.0);
      long last = seq[0]++;
      publish(a, deviceA, last);
      // B publishes its own reading and pack, which do arrive.
      publish(b, deviceB, 1);
      publishSenml(b, deviceB, 61.0);

      await()
          .atMost(60, TimeUnit.SECONDS)
          .untilAsserted(
              () -> {
                assertThat(seqs(deviceA)).contains(last);
                assertThat(seqs(deviceB)).containsExactly(1L);
                assertThat(senmlTemps(deviceB)).contains(61.0);
              });
      // Messages of one connection are delivered in order: the forged ones came before A's last.
      assertThat(seqs(deviceB)).doesNotContain(1_000L);
      assertThat(senmlTemps(deviceB)).containsExactly(61.0);
      assertThat(deadLetters()).isZero();
    } finally {
      job.cancel().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void clientsWithoutAValidPasswordAreRefused() {
    assertThatThrownBy(() -> connect(null, null))
        .isInstanceOf(MqttSecurityException.class)
        .hasFieldOrPropertyWithValue("reasonCode", (int) MqttException.REASON_CODE_NOT_AUTHORIZED);
    assertThatThrownBy(() -> connect(deviceA, passwords.get(deviceB)))
        .isInstanceOf(MqttSecurityException.class)
        .hasFieldOrPropertyWithValue("reasonCode", (int) MqttException.REASON_CODE_NOT_AUTHORIZED);
  }

  private IngestConfig config() {
    return IngestConfig.parse(
        new String[] {
          "--mqtt-url",
          url,
          "--mqtt-username",
          JOB_USER,
          "--mqtt-password",
          passwords.get(JOB_USER),
          "--mqtt-client-id",
          "auth-job-" + run,
          "--influx-url",
          Services.influxUrl(),
          "--influx-database",
          influxDatabase,
          "--influx-flush-interval",
          "200ms",
          "--jdbc-url",
          schema.jdbc().url(),
          "--jdbc-user",
          schema.jdbc().user(),
          "--jdbc-password",
          schema.jdbc().password(),
          "--checkpoint-interval",
          "500ms",
          "--parallelism",
          "1"
        },
        Map.of());
  }

  private MqttClient connect(String user, String password) throws MqttException {
    MqttClient client = new MqttClient(url, "auth-" + UUID.randomUUID(), new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    if (user != null) {
      options.setUserName(user);
      options.setPassword(password.toCharArray());
    }
    client.connect(options);
    return client;
  }

  /** A connected client, disconnected when closed. */
  private record Device(MqttClient client) implements AutoCloseable {
    @Override
    public void close() throws MqttException {
      client.disconnect();
      client.close();
    }
  }

  private static void publish(Device device, String deviceId, long seq) throws MqttException {
    Reading reading = new Reading(deviceId, Instant.now(), seq, "AC-200", Map.of("temp", 60.0));
    device
        .client()
        .publish(ReadingJson.telemetryTopic(deviceId), ReadingJson.write(reading), 1, false);
  }

  private static void publishSenml(Device device, String deviceId, double temp)
      throws MqttException {
    String pack =
        "[{\"bt\":"
            + Instant.now().toEpochMilli() / 1000.0
            + ",\"n\":\"temp\",\"v\":"
            + temp
            + "}]";
    device
        .client()
        .publish("devices/" + deviceId + "/senml", pack.getBytes(StandardCharsets.UTF_8), 1, false);
  }

  /** The temp of every point InfluxDB holds for a device from SenML. */
  private List<Double> senmlTemps(String device) {
    return column(
            "SELECT temp FROM telemetry WHERE device_id = '"
                + device
                + "' AND \"format\" = 'senml'")
        .stream()
        .map(Number::doubleValue)
        .toList();
  }

  private long points(String device) {
    return seqs(device).size();
  }

  /** The seq of every point InfluxDB holds for a device. */
  private List<Long> seqs(String device) {
    return column("SELECT seq FROM telemetry WHERE device_id = '" + device + "'").stream()
        .map(Number::longValue)
        .toList();
  }

  /** The one field a query selects, from every row. */
  private List<Number> column(String select) {
    InfluxDB influx = InfluxDBFactory.connect(Services.influxUrl());
    try {
      QueryResult result = influx.query(new Query(select, influxDatabase));
      List<Number> values = new ArrayList<>();
      if (result.getResults() != null
          && !result.getResults().isEmpty()
          && result.getResults().get(0).getSeries() != null) {
        for (List<Object> row : result.getResults().get(0).getSeries().get(0).getValues()) {
          values.add((Number) row.get(1));
        }
      }
      return values;
    } finally {
      influx.close();
    }
  }

  private long deadLetters() throws Exception {
    try (Connection connection = schema.jdbc().connect();
        Statement query = connection.createStatement();
        ResultSet rows = query.executeQuery("SELECT count(*) FROM dead_letters")) {
      rows.next();
      return rows.getLong(1);
    }
  }

  private String log() throws IOException {
    Path log = dir.resolve("mosquitto.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  private static String binary(String name) {
    return Stream.of("/usr/sbin/", "/usr/bin/", "/usr/local/sbin/", "/usr/local/bin/")
        .map(prefix -> Path.of(prefix + name))
        .filter(Files::isExecutable)
        .findFirst()
        .map(Path::toString)
        .orElseThrow(() -> new IllegalStateException(name + " is not installed"));
  }

  private static void run(String... command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }
}
