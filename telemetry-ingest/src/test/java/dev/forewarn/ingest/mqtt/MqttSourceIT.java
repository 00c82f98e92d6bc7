package dev.forewarn.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.forewarn.ingest.testing.CollectSink;
import dev.forewarn.ingest.testing.Mqtt;
import dev.forewarn.ingest.testing.Services;
import dev.forewarn.ingest.testing.TestCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The MQTT source against the project's Mosquitto. */
class MqttSourceIT {

  private static final InMemoryReporter METRICS = InMemoryReporter.create();

  @RegisterExtension static final MiniClusterExtension CLUSTER = TestCluster.withTwoSlots(METRICS);

  private static final Duration NO_PERIODIC_CHECKPOINTS = Duration.ofHours(1);

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private final String prefix = "forewarn-it/" + run;
  private final String clientIdPrefix = "it-source-" + run;

  @AfterEach
  void discardSessions() throws Exception {
    Mqtt.discardSessions(clientIdPrefix + "-0", clientIdPrefix + "-1");
  }

  @Test
  void deliversAgainWhatNoCompletedCheckpointCoveredAndNothingElse(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    MqttSourceSettings settings = settings(prefix + "/+", false);
    try (Mqtt publisher = new Mqtt()) {
      CollectSink<MqttRecord> first = new CollectSink<>();
      JobClient firstJob = start(settings, first, 1);
      waitUntilSubscribed(publisher, first, 1);
      publish(publisher, "a", 20);
      await().atMost(30, TimeUnit.SECONDS).until(() -> payloads(first).size() == 20);
      stop(firstJob); // no checkpoint completed: nothing was acknowledged

      publish(publisher, "b", 5); // queued by the broker for the offline session

      CollectSink<MqttRecord> second = new CollectSink<>();
      JobClient secondJob = start(settings, second, 1);
      await().atMost(30, TimeUnit.SECONDS).until(() -> payloads(second).size() >= 25);
      assertThat(payloads(second)).containsAll(names("a", 20)).containsAll(names("b", 5));
      assertThat(pendingAcks(secondJob)).isGreaterThanOrEqualTo(25);
      cluster.triggerCheckpoint(secondJob.getJobID()).get(30, TimeUnit.SECONDS);
      await().atMost(30, TimeUnit.SECONDS).until(() -> pendingAcks(secondJob) == 0);
      stop(secondJob);

      CollectSink<MqttRecord> third = new CollectSink<>();
      JobClient thirdJob = start(settings, third, 1);
      publish(publisher, "c", 3);
      await().atMost(30, TimeUnit.SECONDS).until(() -> payloads(third).size() >= 3);
      // The broker resends unacknowledged messages first, so they would be here by now.
      assertThat(payloads(third)).containsExactlyInAnyOrderElementsOf(names("c", 3));
      stop(thirdJob);
    }
  }

  @Test
  void aResumedSessionKeepsItsSubscriptionAndIsNotSubscribedAgain(
      @InjectMiniCluster MiniCluster cluster) throws Exception {
    MqttSourceSettings settings = settings(prefix + "/+", false);
    try (Mqtt publisher = new Mqtt()) {
      // Subscribing delivers retained messages: a second subscribe would deliver this again.
      publisher.retain(prefix + "/retained", "retained");
      CollectSink<MqttRecord> first = new CollectSink<>();
      JobClient firstJob = start(settings, first, 1);
      await().atMost(30, TimeUnit.SECONDS).until(() -> payloads(first).contains("retained"));
      cluster.triggerCheckpoint(firstJob.getJobID()).get(30, TimeUnit.SECONDS);
      await().atMost(30, TimeUnit.SECONDS).until(() -> pendingAcks(firstJob) == 0);
      stop(firstJob);

      CollectSink<MqttRecord> second = new CollectSink<>();
      JobClient secondJob = start(settings, second, 1);
      publish(publisher, "after", 1);
      await().atMost(30, TimeUnit.SECONDS).until(() -> payloads(second).contains("after-0"));
      Thread.sleep(1_000);
      assertThat(payloads(second)).containsExactly("after-0");
      stop(secondJob);
    } finally {
      try (Mqtt cleaner = new Mqtt()) {
        cleaner.clearRetained(prefix + "/retained");
      }
    }
  }

  @Test
  void aSharedSubscriptionSpreadsMessagesOverTheReadersWithoutDuplicates() throws Exception {
    MqttSourceSettings settings = settings("$share/it-" + run + "/" + prefix + "/+", false);
    try (Mqtt publisher = new Mqtt()) {
      CollectSink<MqttRecord> sink = new CollectSink<>();
      JobClient job = start(settings, sink, 2);
      waitUntilSubscribed(publisher, sink, 2);
      sink.clear();

      publish(publisher, "m", 200);

      await().atMost(30, TimeUnit.SECONDS).until(() -> payloads(sink).size() >= 200);
      Thread.sleep(500);
      assertThat(payloads(sink)).hasSize(200).containsExactlyInAnyOrderElementsOf(names("m", 200));
      assertThat(sink.countsBySubtask().values()).hasSize(2).allMatch(count -> count > 0);
      stop(job);
    }
  }

  @Test
  void aPlainSubscriptionIsReadThroughOneSessionWhateverTheParallelism() throws Exception {
    MqttSourceSettings settings = settings(prefix + "/+", false);
    try (Mqtt publisher = new Mqtt()) {
      CollectSink<MqttRecord> sink = new CollectSink<>();
      JobClient job = start(settings, sink, 2);
      waitUntilSubscribed(publisher, sink, 1);
      sink.clear();

      publish(publisher, "m", 200);

      await().atMost(30, TimeUnit.SECONDS).until(() -> payloads(sink).size() >= 200);
      Thread.sleep(1_000);
      // A second session on the same plain filter would have brought every message twice.
      assertThat(payloads(sink)).hasSize(200).containsExactlyInAnyOrderElementsOf(names("m", 200));
      assertThat(sink.countsBySubtask().values()).filteredOn(count -> count > 0).hasSize(1);
      stop(job);
    }
  }

  @Test
  void sharedSessionsKeepWhatArrivesWhileTheJobIsDown() throws Exception {
    MqttSourceSettings settings = settings("$share/it-" + run + "/" + prefix + "/+", false);
    try (Mqtt publisher = new Mqtt()) {
      CollectSink<MqttRecord> first = new CollectSink<>();
      JobClient firstJob = start(settings, first, 2);
      waitUntilSubscribed(publisher, first, 2);
      stop(firstJob);

      publish(publisher, "offline", 50);

      CollectSink<MqttRecord> second = new CollectSink<>();
      JobClient secondJob = start(settings, second, 2);
      await().atMost(30, TimeUnit.SECONDS).until(() -> payloads(second).size() >= 50);
      assertThat(payloads(second)).containsExactlyInAnyOrderElementsOf(names("offline", 50));
      stop(secondJob);
    }
  }

  @Test
  void drainsABacklogFloodOnAResumedSessionThroughASmallQueue() throws Exception {
    MqttSourceSettings settings = settings(prefix + "/+", false);
    try (Mqtt publisher = new Mqtt()) {
      CollectSink<MqttRecord> first = new CollectSink<>();
      JobClient firstJob = start(settings, first, 1);
      waitUntilSubscribed(publisher, first, 1);
      stop(firstJob);

      publish(publisher, "backlog", 20_000);

      // The broker floods 20,000 messages at once into a queue of 100, none acknowledged yet.
      CollectSink<MqttRecord> second = new CollectSink<>();
      JobClient secondJob = start(settings, second, 1);
      await().atMost(120, TimeUnit.SECONDS).until(() -> payloads(second).size() >= 20_000);
      assertThat(payloads(second)).hasSize(20_000).doesNotHaveDuplicates();
      stop(secondJob);
    }
  }

  @Test
  void aCleanSessionFramesTheRetainedSetOfEachConnectWithMarkersOfItsOwn() throws Exception {
    String rules = prefix + "/rules";
    try (Mqtt publisher = new Mqtt()) {
      for (int i = 0; i < 50; i++) {
        publisher.retain(rules + "/rule-" + i, "document-" + i);
      }
      MqttSourceSettings settings =
          new MqttSourceSettings(
              Services.mqttUrl(),
              "",
              "",
              clientIdPrefix,
              rules + "/+",
              true,
              100,
              RetainedSet.syncTopic(rules + "/+"));
      CollectSink<MqttRecord> sink = new CollectSink<>();
      JobClient job = start(settings, sink, 1);
      try {
        await()
            .atMost(30, TimeUnit.SECONDS)
            .until(
                () ->
                    sink.received().stream()
                        .anyMatch(record -> RetainedSet.endToken(record.payload()).isPresent()));

        List<MqttRecord> received = sink.received();
        String token = RetainedSet.startToken(received.get(0).payload()).orElseThrow();
        MqttRecord last = received.get(received.size() - 1);
        assertThat(RetainedSet.endToken(last.payload())).contains(token);
        assertThat(received.subList(1, received.size() - 1))
            .extracting(record -> new String(record.payload(), StandardCharsets.UTF_8))
            .containsExactlyInAnyOrderElementsOf(names("document", 50));
      } finally {
        stop(job);
        for (int i = 0; i < 50; i++) {
          publisher.clearRetained(rules + "/rule-" + i);
        }
      }
    }
  }

  private MqttSourceSettings settings(String topicFilter, boolean cleanSession) {
    return new MqttSourceSettings(
        Services.mqttUrl(), "", "", clientIdPrefix, topicFilter, cleanSession, 100);
  }

  private static JobClient start(
      MqttSourceSettings settings, CollectSink<MqttRecord> sink, int parallelism) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(parallelism);
    env.enableCheckpointing(NO_PERIODIC_CHECKPOINTS.toMillis());
    env.fromSource(new MqttSource(settings), WatermarkStrategy.noWatermarks(), "mqtt").sinkTo(sink);
    return env.executeAsync("mqtt-source-it");
  }

  private static void stop(JobClient job) throws Exception {
    job.cancel().get(30, TimeUnit.SECONDS);
    try {
      job.getJobExecutionResult().get(30, TimeUnit.SECONDS);
    } catch (Exception cancelled) {
      // expected: the job ends as cancelled
    }
  }

  /**
   * A session subscribes asynchronously after it connects; probes are published until every reader
   * has received one, so no test message goes out before the subscriptions exist.
   */
  private void waitUntilSubscribed(Mqtt publisher, CollectSink<MqttRecord> sink, int readers) {
    await()
        .atMost(30, TimeUnit.SECONDS)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              publisher.publish(prefix + "/probe", "probe");
              return sink.countsBySubtask().values().stream().filter(n -> n > 0).count() >= readers;
            });
  }

  private void publish(Mqtt publisher, String name, int count) throws Exception {
    for (int i = 0; i < count; i++) {
      publisher.publish(prefix + "/" + name, name + "-" + i);
    }
  }

  private static List<String> names(String name, int count) {
    return java.util.stream.IntStream.range(0, count)
        .mapToObj(i -> name + "-" + i)
        .collect(Collectors.toList());
  }

  private static List<String> payloads(CollectSink<MqttRecord> sink) {
    return sink.received().stream()
        .filter(record -> !record.topic().endsWith("/probe"))
        .map(record -> new String(record.payload(), StandardCharsets.UTF_8))
        .collect(Collectors.toList());
  }

  private static long pendingAcks(JobClient job) {
    return METRICS.findMetrics(job.getJobID(), "pendingAcks").values().stream()
        .mapToLong(metric -> ((Number) ((Gauge<?>) metric).getValue()).longValue())
        .sum();
  }
}
