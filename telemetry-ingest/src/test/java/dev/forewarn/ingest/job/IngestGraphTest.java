package dev.forewarn.ingest.job;

import static dev.forewarn.ingest.testing.Fixtures.T0;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_3M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_5M;
import static dev.forewarn.ingest.testing.Fixtures.anythingAbove;
import static dev.forewarn.ingest.testing.Fixtures.message;
import static dev.forewarn.ingest.testing.Fixtures.overheating;
import static dev.forewarn.ingest.testing.Fixtures.reading;
import static dev.forewarn.ingest.testing.Fixtures.ruleDocument;
import static dev.forewarn.ingest.testing.Fixtures.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.ingest.parse.ParseReadings;
import dev.forewarn.ingest.testing.CollectSink;
import dev.forewarn.ingest.testing.Fixtures;
import dev.forewarn.ingest.testing.Poison;
import dev.forewarn.ingest.testing.TestCluster;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkGeneratorSupplier;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.clock.RelativeClock;
import org.apache.flink.util.clock.SystemClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The job's whole graph on a MiniCluster with parallelism 2, on finite input. */
class IngestGraphTest {

  private static final InMemoryReporter METRICS = InMemoryReporter.create();

  @RegisterExtension static final MiniClusterExtension CLUSTER = TestCluster.withTwoSlots(METRICS);

  private static final String DEGRADING = "dev-degrading";

  @Test
  void opensAndClearsOneCaseForTheDegradingDeviceAndKeepsEveryRefusedMessage() throws Exception {
    Configuration strict = new Configuration();
    strict.set(PipelineOptions.GENERIC_TYPES, false); // nothing may fall back to Kryo
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(strict);
    env.setParallelism(2);
    CollectSink<Reading> history = new CollectSink<>();
    CollectSink<CaseEvent> cases = new CollectSink<>();
    CollectSink<DeadLetter> deadLetters = new CollectSink<>();
    IngestGraph.build(
        env,
        new IngestGraph.Inputs(
            FiniteMessages.gated(telemetryOfFourBlocks()), FiniteMessages.of(rules())),
        new IngestGraph.Outputs(Optional.of(history), cases, deadLetters),
        new IngestGraph.EventTime(Duration.ofSeconds(5), Duration.ofSeconds(30)));

    JobClient job = env.executeAsync("ingest-graph-test");
    // Readings that arrive before a rule are not evaluated: let the rules reach both subtasks.
    await()
        .atMost(60, TimeUnit.SECONDS)
        .until(() -> ruleUpdatesPerSubtask(job).equals(List.of(3L, 3L)));
    FiniteMessages.openGate();
    JobExecutionResult result = job.getJobExecutionResult().get(120, TimeUnit.SECONDS);

    assertThat(cases.received())
        .extracting(CaseEvent::type, CaseEvent::deviceId, CaseEvent::ruleId, CaseEvent::occurredAt)
        .containsExactlyInAnyOrder(
            tuple(CaseEvent.Type.OPENED, DEGRADING, "overheat", T0_PLUS_3M),
            tuple(CaseEvent.Type.CLEARED, DEGRADING, "overheat", T0_PLUS_5M));
    assertThat(history.received()).hasSize(18);
    assertThat(deadLetters.received())
        .extracting(DeadLetter::reason)
        .hasSize(6)
        .anySatisfy(reason -> assertThat(reason).startsWith("deviceId:"))
        .anySatisfy(reason -> assertThat(reason).startsWith("topic:"))
        .anySatisfy(reason -> assertThat(reason).contains("NaN"));
    assertThat((Long) result.getAccumulatorResult(ParseReadings.READINGS)).isEqualTo(18L);
    assertThat((Long) result.getAccumulatorResult(ParseReadings.DEAD_LETTER_COUNT)).isEqualTo(6L);
  }

  @Test
  void poisonReadingsOfEveryKindCostOnlyThemselvesAndTheJobRunsToTheEnd() throws Exception {
    Configuration strict = new Configuration();
    strict.set(PipelineOptions.GENERIC_TYPES, false);
    // One failure would fail the test: a poison message must never need a restart.
    strict.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(strict);
    env.setParallelism(2);
    CollectSink<Reading> history = new CollectSink<>();
    CollectSink<CaseEvent> cases = new CollectSink<>();
    CollectSink<DeadLetter> deadLetters = new CollectSink<>();
    List<MqttRecord> telemetry = new ArrayList<>(Poison.messages("dev-poison"));
    add(telemetry, DEGRADING, new double[] {70, 82, 84, 86, 88, 70});
    IngestGraph.build(
        env,
        new IngestGraph.Inputs(
            FiniteMessages.gated(telemetry),
            FiniteMessages.of(
                Fixtures.synced(
                    ruleDocument(overheating("overheat", 1)),
                    ruleDocument(Poison.trendRule()),
                    ruleDocument(Poison.rateRule())))),
        new IngestGraph.Outputs(Optional.of(history), cases, deadLetters),
        new IngestGraph.EventTime(Duration.ofSeconds(5), Duration.ofSeconds(30)));

    JobClient job = env.executeAsync("poison-test");
    await()
        .atMost(60, TimeUnit.SECONDS)
        .until(() -> ruleUpdatesPerSubtask(job).equals(List.of(3L, 3L)));
    FiniteMessages.openGate();
    job.getJobExecutionResult().get(120, TimeUnit.SECONDS);

    assertThat(deadLetters.received())
        .extracting(DeadLetter::reason)
        .hasSize(Poison.REFUSED)
        .allSatisfy(reason -> assertThat(reason).doesNotContain("\u0000"))
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .isEqualTo(
                        "ts: +300000000-01-01T00:00:00Z is 299,997,973 years ahead of arrival at"
                            + " 2026-11-22T11:00:00Z (limit 5 min)"))
        .anySatisfy(
            reason ->
                assertThat(reason)
                    .isEqualTo(
                        "ts: -100000-01-01T00:00:00Z is before 2000-01-01T00:00:00Z, the earliest"
                            + " time a reading may have"))
        .anySatisfy(reason -> assertThat(reason).contains("\\u0000"))
        .anySatisfy(reason -> assertThat(reason).startsWith("model: holds a control character"));
    assertThat(history.received())
        .filteredOn(reading -> reading.deviceId().equals("dev-poison"))
        .hasSize(Poison.HUGE_VALUES);
    assertThat(cases.received())
        .filteredOn(event -> event.deviceId().equals(DEGRADING))
        .extracting(CaseEvent::type, CaseEvent::occurredAt)
        .containsExactly(
            tuple(CaseEvent.Type.OPENED, T0_PLUS_3M), tuple(CaseEvent.Type.CLEARED, T0_PLUS_5M));
  }

  @Test
  void oneDeviceWithAFastClockDoesNotMoveEventTimeForTheOthers() {
    WatermarkGenerator<Reading> generator =
        readingTime(new IngestGraph.EventTime(Duration.ofSeconds(5), Duration.ofSeconds(30)));
    List<Long> watermarks = new ArrayList<>();
    WatermarkOutput output = into(watermarks);

    for (int minute = 0; minute < 10; minute++) {
      for (int device = 0; device < 20; device++) {
        Reading normal = reading("dev-" + device, T0.plusSeconds(60L * minute), 60);
        generator.onEvent(normal, normal.ts().toEpochMilli(), output);
      }
      // An hour ahead of everyone else.
      Reading fast = reading("dev-fast", T0.plusSeconds(3600 + 60L * minute), 60);
      generator.onEvent(fast, fast.ts().toEpochMilli(), output);
      generator.onPeriodicEmit(output);
    }

    assertThat(watermarks).isNotEmpty().allMatch(at -> at < T0.plusSeconds(600).toEpochMilli());
    assertThat(watermarks.get(watermarks.size() - 1))
        .isEqualTo(T0.plusSeconds(540).minusSeconds(5).toEpochMilli() - 1);
  }

  @Test
  void aDeviceThatStoppedNoLongerHoldsBackEventTimeOnceTheIdleTimeoutHasPassed()
      throws InterruptedException {
    Duration idleTimeout = Duration.ofMillis(300);
    WatermarkGenerator<Reading> generator =
        readingTime(new IngestGraph.EventTime(Duration.ofSeconds(5), idleTimeout));
    List<Long> watermarks = new ArrayList<>();
    WatermarkOutput output = into(watermarks);
    Reading last = reading("dev-stopped", T0, 60);
    generator.onEvent(last, last.ts().toEpochMilli(), output);
    Reading going = reading("dev-going", T0.plusSeconds(60), 60);
    generator.onEvent(going, going.ts().toEpochMilli(), output);
    generator.onPeriodicEmit(output);
    // Of two devices the lower one is the median: the one that stopped holds time.
    assertThat(watermarks).containsExactly(T0.minusSeconds(5).toEpochMilli() - 1);

    Thread.sleep(idleTimeout.multipliedBy(2).toMillis());
    Reading later = reading("dev-going", T0.plusSeconds(120), 60);
    generator.onEvent(later, later.ts().toEpochMilli(), output);
    generator.onPeriodicEmit(output);

    assertThat(watermarks).last().isEqualTo(T0.plusSeconds(115).toEpochMilli() - 1);
  }

  /** The job's generator of reading time, as a source reader would create it. */
  private static WatermarkGenerator<Reading> readingTime(IngestGraph.EventTime eventTime) {
    return IngestGraph.readingTime(eventTime)
        .createWatermarkGenerator(
            new WatermarkGeneratorSupplier.Context() {
              @Override
              public MetricGroup getMetricGroup() {
                return new UnregisteredMetricsGroup();
              }

              @Override
              public RelativeClock getInputActivityClock() {
                return SystemClock.getInstance();
              }
            });
  }

  private static WatermarkOutput into(List<Long> watermarks) {
    return new WatermarkOutput() {
      @Override
      public void emitWatermark(Watermark watermark) {
        watermarks.add(watermark.getTimestamp());
      }

      @Override
      public void markIdle() {}

      @Override
      public void markActive() {}
    };
  }

  @Test
  void writesCaseEventsAndHistoryInTasksOfTheirOwnSoThatAWaitingStoreDoesNotHoldUpDetection() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    IngestGraph.build(
        env,
        new IngestGraph.Inputs(FiniteMessages.of(List.of()), FiniteMessages.of(rules())),
        new IngestGraph.Outputs(
            Optional.of(new CollectSink<>()), new CollectSink<>(), new CollectSink<>()),
        new IngestGraph.EventTime(Duration.ofSeconds(5), Duration.ofSeconds(30)));

    List<String> tasks = new ArrayList<>();
    env.getStreamGraph().getJobGraph().getVertices().forEach(task -> tasks.add(task.getName()));

    assertThat(tasks)
        .filteredOn(task -> task.contains("detect cases") || task.contains("telemetry"))
        .hasSize(2)
        .allSatisfy(
            task ->
                assertThat(task)
                    .doesNotContain("case events (PostgreSQL)")
                    .doesNotContain("history (InfluxDB)"));
  }

  @Test
  void aPlainSubscriptionIsReadParsedAndTimedByOneTaskAndDetectedByAll() {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(2);
    IngestGraph.build(
        env,
        new IngestGraph.Inputs(
            FiniteMessages.of(List.of()), FiniteMessages.of(rules()), Optional.empty(), true),
        new IngestGraph.Outputs(
            Optional.of(new CollectSink<>()), new CollectSink<>(), new CollectSink<>()),
        new IngestGraph.EventTime(Duration.ofSeconds(5), Duration.ofSeconds(30)));

    Map<String, Integer> tasks = new HashMap<>();
    env.getStreamGraph()
        .getJobGraph()
        .getVertices()
        .forEach(task -> tasks.put(task.getName(), task.getParallelism()));

    assertThat(tasks)
        .hasEntrySatisfying(
            "Source: telemetry (MQTT) -> parse readings -> reading event time",
            parallelism -> assertThat(parallelism).isEqualTo(1))
        .anySatisfy(
            (task, parallelism) -> {
              assertThat(task).startsWith("detect cases");
              assertThat(parallelism).isEqualTo(2);
            });
  }

  /**
   * Four blocks of six messages, one device (or the refused messages) per block, so that each of
   * the two source readers reads whole devices in order.
   */
  private static List<MqttRecord> telemetryOfFourBlocks() {
    List<MqttRecord> messages = new ArrayList<>();
    double[] degrading = {70, 82, 84, 86, 88, 70};
    double[] healthy = {61, 62, 63, 62, 61, 60};
    double[] spiking = {61, 62, 95, 62, 61, 60};
    add(messages, DEGRADING, degrading);
    add(messages, "dev-healthy", healthy);
    add(messages, "dev-spiking", spiking);
    messages.add(telemetry("dev-bad", "{\"ts\": \"2026-11-22T10:00:00Z\", \"seq\": 1"));
    messages.add(
        telemetry(
            "dev-bad",
            "{\"deviceId\":\"dev-other\",\"ts\":\"2026-11-22T10:00:00Z\",\"seq\":2,"
                + "\"metrics\":{\"compressor_temp_c\":70}}"));
    messages.add(
        telemetry(
            "dev-bad",
            "{\"ts\":\"2026-11-22T10:00:00Z\",\"seq\":3,\"metrics\":{\"compressor_temp_c\":NaN}}"));
    messages.add(
        telemetry(
            "dev-bad",
            "{\"ts\":\"2026-11-22T10:00:00Z\",\"seq\":4,\"metrics\":{\"compressor_temp_c\":\"x\"}}"));
    messages.add(message("devices/dev-bad/status", "{}".getBytes(StandardCharsets.UTF_8)));
    messages.add(message("devices/dev-bad/telemetry", new byte[0]));
    return messages;
  }

  private static void add(List<MqttRecord> messages, String deviceId, double[] celsius) {
    for (int minute = 0; minute < celsius.length; minute++) {
      Instant at = T0.plusSeconds(60L * minute);
      messages.add(telemetry(reading(deviceId, at, celsius[minute])));
    }
  }

  /** The overheating rule, a rule that is removed again, and an invalid document. */
  private static List<MqttRecord> rules() {
    return Fixtures.synced(
        ruleDocument(anythingAbove("everything", 10)),
        ruleDocument(overheating("overheat", 1)),
        message("forewarn/rules/everything", new byte[0]),
        message("forewarn/rules/broken", "{\"id\":\"broken\"}".getBytes(StandardCharsets.UTF_8)));
  }

  private static List<Long> ruleUpdatesPerSubtask(JobClient job) {
    List<Long> counts = new ArrayList<>();
    for (Map.Entry<String, Metric> metric :
        METRICS.findMetrics(job.getJobID(), "rule_updates").entrySet()) {
      counts.add(((Counter) metric.getValue()).getCount());
    }
    return counts;
  }
}
