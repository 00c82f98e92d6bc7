package dev.forewarn.ingest.job;

import static dev.forewarn.ingest.testing.Fixtures.message;
import static dev.forewarn.ingest.testing.Fixtures.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.ingest.testing.CollectSink;
import dev.forewarn.ingest.testing.Fixtures;
import dev.forewarn.ingest.testing.TestCluster;
import dev.forewarn.rules.backtest.BacktestReport;
import dev.forewarn.rules.backtest.Backtester;
import dev.forewarn.rules.backtest.FailureTimes;
import dev.forewarn.rules.backtest.ReplayOrder;
import dev.forewarn.rules.backtest.RuleFiles;
import dev.forewarn.rules.backtest.SeriesCsv;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Metric;
import org.apache.flink.runtime.testutils.InMemoryReporter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A recorded fleet (four compressors over four hours: one degrading toward overheating, one that
 * falls silent for 25 minutes, one whose level shifts, one healthy) replayed through the backtester
 * and through the job on a MiniCluster opens, updates and clears the very same cases at the very
 * same event times, with the same evidence, for every rule type in the set.
 */
class BacktestAgreementTest {

  private static final InMemoryReporter METRICS = InMemoryReporter.create();

  @RegisterExtension static final MiniClusterExtension CLUSTER = TestCluster.withTwoSlots(METRICS);

  /** The job's end of input brings the maximum watermark: every deadline passes. */
  private static final Instant END_OF_TIME = Instant.parse("9999-01-01T00:00:00Z");

  @Test
  void theJobAndTheBacktesterDecideTheSameCasesAtTheSameEventTimes() throws Exception {
    List<Reading> recorded = recordedFleet();
    List<Rule> rules = new ArrayList<>(RuleFiles.load(resource("recorded/rules.json")));
    rules.add(overheatingAt("north"));

    // The backtester replays history in the order of the backtest command.
    BacktestReport backtest =
        new Backtester(rules).run(ReplayOrder.sorted(recorded), FailureTimes.NONE, END_OF_TIME);
    List<CaseEvent> job = runJob(published(recorded), rules);

    // At the end of its input the job's event time runs to the end of time, past every device's
    // state time to live: it closes the cases still open then as superseded. The backtester keeps
    // no state beyond the replay and has nothing to close.
    assertThat(job)
        .filteredOn(event -> event.type() != CaseEvent.Type.SUPERSEDED)
        .containsExactlyInAnyOrderElementsOf(backtest.events());
    assertThat(job)
        .filteredOn(event -> event.type() == CaseEvent.Type.SUPERSEDED)
        .allSatisfy(event -> assertThat(event.summary()).contains("state expired"));
    assertThat(backtest.opened())
        .extracting(CaseEvent::ruleId)
        .contains(
            "overheat",
            "heading-for-overheat",
            "off-baseline",
            "rising-fast",
            "silent",
            "wearing-out",
            "unusual");
    assertThat(backtest.events())
        .filteredOn(event -> event.ruleId().equals("wearing-out"))
        .extracting(CaseEvent::type)
        .contains(CaseEvent.Type.UPDATED);
    assertThat(backtest.opened())
        .filteredOn(event -> event.ruleId().equals("overheat-north"))
        .extracting(CaseEvent::deviceId)
        .containsOnly("ac-degrading");
    assertThat(backtest.opened())
        .filteredOn(event -> event.ruleId().equals("silent"))
        .extracting(CaseEvent::deviceId)
        .contains("ac-silent");
  }

  /** A recorded reading's message, arriving as the device measured it (the clock policy looks). */
  private static MqttRecord arrivingWhenMeasured(Reading reading) {
    MqttRecord message = telemetry(reading);
    return new MqttRecord(message.topic(), message.payload(), reading.ts().toEpochMilli());
  }

  private static List<CaseEvent> runJob(List<Reading> recorded, List<Rule> rules) throws Exception {
    Configuration strict = new Configuration();
    strict.set(PipelineOptions.GENERIC_TYPES, false);
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(strict);
    env.setParallelism(2);
    CollectSink<CaseEvent> cases = new CollectSink<>();
    CollectSink<DeadLetter> deadLetters = new CollectSink<>();
    List<MqttRecord> telemetry = new ArrayList<>();
    recorded.forEach(reading -> telemetry.add(arrivingWhenMeasured(reading)));
    List<MqttRecord> ruleDocuments = new ArrayList<>();
    for (Rule rule : rules) {
      ruleDocuments.add(
          message(
              "forewarn/rules/" + rule.id(),
              RuleJson.toJson(rule).getBytes(StandardCharsets.UTF_8)));
    }
    IngestGraph.build(
        env,
        new IngestGraph.Inputs(
            FiniteMessages.gated(telemetry),
            FiniteMessages.of(Fixtures.synced(ruleDocuments.toArray(MqttRecord[]::new)))),
        new IngestGraph.Outputs(Optional.empty(), cases, deadLetters),
        new IngestGraph.EventTime(Duration.ofSeconds(5), Duration.ofSeconds(30)));

    JobClient job = env.executeAsync("backtest-agreement-test");
    long expected = rules.size();
    await()
        .atMost(60, TimeUnit.SECONDS)
        .until(() -> ruleUpdatesPerSubtask(job).equals(List.of(expected, expected)));
    FiniteMessages.openGate();
    job.getJobExecutionResult().get(120, TimeUnit.SECONDS);

    assertThat(deadLetters.received()).isEmpty();
    return cases.received();
  }

  /**
   * The fleet in publishing order (by time across devices), each device numbering its readings from
   * 0 as a device does; the source's two readers take one half of the time range each.
   */
  private static List<Reading> recordedFleet() throws Exception {
    List<Reading> rows;
    try (Reader in =
        new InputStreamReader(
            BacktestAgreementTest.class.getResourceAsStream("/recorded/fleet.csv"),
            StandardCharsets.UTF_8)) {
      rows = new ArrayList<>(SeriesCsv.readDevices(in, "fleet.csv"));
    }
    rows.sort(Comparator.comparing(Reading::ts).thenComparing(Reading::deviceId));
    Map<String, Long> seqs = new HashMap<>();
    List<Reading> fleet = new ArrayList<>();
    for (Reading row : rows) {
      long seq = seqs.merge(row.deviceId(), 1L, Long::sum) - 1;
      // The degrading device stands at the north site, the others at the south one.
      String site = row.deviceId().equals("ac-degrading") ? "north" : "south";
      Instant ts = row.ts();
      if (row.deviceId().equals("ac-healthy") && seq == 150) {
        // The healthy device's clock goes back 10 s below its previous reading's, once.
        ts = fleetTime(rows, "ac-healthy", 149).minusSeconds(10);
      }
      fleet.add(
          new Reading(row.deviceId(), ts, seq, row.model(), row.metrics(), Map.of("site", site)));
    }
    return fleet;
  }

  /**
   * The overheating rule of the recorded rules for the devices tagged with a site: only the
   * degrading device is at {@code north}.
   */
  private static Rule overheatingAt(String site) throws Exception {
    String overheat =
        RuleJson.toJson(
            RuleFiles.load(resource("recorded/rules.json")).stream()
                .filter(rule -> rule.id().equals("overheat"))
                .findFirst()
                .orElseThrow());
    return RuleJson.parse(
        overheat
            .replace("\"id\":\"overheat\"", "\"id\":\"overheat-" + site + "\"")
            .replace("\"tags\":{}", "\"tags\":{\"site\":\"" + site + "\"}"));
  }

  /**
   * The order the devices published in: by time, except that some readings overtake their
   * predecessor on the way, as readings spread over a shared subscription's readers may.
   */
  private static List<Reading> published(List<Reading> recorded) {
    List<Reading> order = new ArrayList<>(recorded);
    for (long seq : new long[] {50, 120, 200}) {
      int first = indexOf(order, "ac-degrading", seq);
      int second = indexOf(order, "ac-degrading", seq + 1);
      Reading overtaken = order.get(first);
      order.set(first, order.get(second));
      order.set(second, overtaken);
    }
    return order;
  }

  private static int indexOf(List<Reading> readings, String deviceId, long seq) {
    for (int i = 0; i < readings.size(); i++) {
      if (readings.get(i).deviceId().equals(deviceId) && readings.get(i).seq() == seq) {
        return i;
      }
    }
    throw new IllegalArgumentException(deviceId + " has no seq " + seq);
  }

  private static Instant fleetTime(List<Reading> rows, String deviceId, long seq) {
    return rows.stream()
        .filter(row -> row.deviceId().equals(deviceId))
        .skip(seq)
        .findFirst()
        .orElseThrow()
        .ts();
  }

  private static Path resource(String name) throws Exception {
    return Path.of(BacktestAgreementTest.class.getResource("/" + name).toURI());
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
