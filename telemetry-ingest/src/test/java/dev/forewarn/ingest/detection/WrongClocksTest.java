package dev.forewarn.ingest.detection;

import static dev.forewarn.ingest.testing.Fixtures.METRIC;
import static dev.forewarn.ingest.testing.Fixtures.MODEL;
import static dev.forewarn.ingest.testing.Fixtures.T0;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_1M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_2M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_3M;
import static dev.forewarn.ingest.testing.Fixtures.overheating;
import static dev.forewarn.ingest.testing.Fixtures.reading;
import static dev.forewarn.ingest.testing.Fixtures.rulesInputIdle;
import static dev.forewarn.ingest.testing.Fixtures.telemetry;
import static dev.forewarn.ingest.testing.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.ingest.parse.ParseReadings;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A device whose clock goes wild, through parsing and detection as the job chains them: its wrong
 * readings are dead letters, its keyed state stays the size it was, and its next right readings
 * open their case at the same time as without the flood.
 */
class WrongClocksTest {

  private static final String DEVICE = "dev-wild";
  private static final int FLOOD = 500;

  private OneInputStreamOperatorTestHarness<MqttRecord, Reading> parse;
  private KeyedBroadcastOperatorTestHarness<String, Reading, RuleUpdate, CaseEvent> detect;
  private int parsed;

  @BeforeEach
  void open() throws Exception {
    parse = ProcessFunctionTestHarnesses.forProcessFunction(new ParseReadings());
    detect =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new DetectCases(), Reading::deviceId, Types.STRING, DetectCases.RULES);
    detect.processBroadcastElement(RuleUpdate.synced(List.of()), 0);
    rulesInputIdle(detect);
    detect.processBroadcastElement(update(overheating("overheat", 1)), 0);
  }

  @AfterEach
  void close() throws Exception {
    parse.close();
    detect.close();
  }

  @Test
  void aFloodOfFarFutureAndFarPastReadingsLeavesTheStateAsItWasAndTheCaseOpensOnTime()
      throws Exception {
    publish(reading(DEVICE, T0, 70), true);
    publish(reading(DEVICE, T0_PLUS_1M, 85), true);
    long before = keyedStateBytes(1);

    for (int i = 0; i < FLOOD; i++) {
      long seq = 1_000 + i; // behind a gap: held, were it taken
      Instant ts =
          switch (i % 5) {
            case 0, 1 -> T0.plus(Duration.ofDays(1 + i)); // ahead of arrival
            case 2 -> Instant.EPOCH.plusSeconds(60L * i); // a reset clock
            default -> Instant.parse("2020-01-01T00:00:00Z").plusSeconds(60L * i); // went back
          };
      publish(new Reading(DEVICE, ts, seq, MODEL, Map.of(METRIC, 99.0)), false);
    }
    long after = keyedStateBytes(2);

    publish(reading(DEVICE, T0_PLUS_2M, 86), true);
    publish(reading(DEVICE, T0_PLUS_3M, 87), true);

    assertThat(after)
        .as("keyed state bytes of %s, %d before %d wrong readings", DEVICE, before, FLOOD)
        .isEqualTo(before);
    assertThat(detect.extractOutputValues())
        .extracting(CaseEvent::type, CaseEvent::occurredAt, CaseEvent::episodeStart)
        .containsExactly(tuple(CaseEvent.Type.OPENED, T0_PLUS_3M, T0_PLUS_1M));
    List<DeadLetter> letters = deadLetters();
    assertThat(letters).hasSize(FLOOD).allSatisfy(l -> assertThat(l.deviceId()).isEqualTo(DEVICE));
    assertThat(letters.stream().map(DeadLetter::clock).distinct())
        .containsExactlyInAnyOrder("ahead", "before_earliest", "went_back");
    assertThat(detect.numEventTimeTimers()).isLessThanOrEqualTo(2);
  }

  /** A reading as its device publishes it, through parsing, then detection. */
  private void publish(Reading reading, boolean advanceTime) throws Exception {
    MqttRecord message = telemetry(reading);
    parse.processElement(message, message.receivedAtMillis());
    List<Reading> out = parse.extractOutputValues();
    for (Reading next : out.subList(parsed, out.size())) {
      detect.processElement(next, next.ts().toEpochMilli());
      if (advanceTime) {
        detect.processWatermark(next.ts().toEpochMilli());
      }
    }
    parsed = out.size();
  }

  private long keyedStateBytes(long checkpointId) throws Exception {
    return detect.snapshot(checkpointId, checkpointId).getManagedKeyedState().getStateSize();
  }

  private List<DeadLetter> deadLetters() {
    List<DeadLetter> letters = new ArrayList<>();
    var fromParse = parse.getSideOutput(ParseReadings.DEAD_LETTERS);
    if (fromParse != null) {
      fromParse.stream().map(StreamRecord::getValue).forEach(letters::add);
    }
    var fromDetection = detect.getSideOutput(DetectCases.DEAD_LETTERS);
    if (fromDetection != null) {
      fromDetection.forEach(record -> letters.add(record.getValue()));
    }
    return letters;
  }
}
