package dev.forewarn.ingest.detection;

import static dev.forewarn.ingest.testing.Fixtures.METRIC;
import static dev.forewarn.ingest.testing.Fixtures.MODEL;
import static dev.forewarn.ingest.testing.Fixtures.T0;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_1M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_2M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_3M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_4M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_5M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_6M;
import static dev.forewarn.ingest.testing.Fixtures.devices;
import static dev.forewarn.ingest.testing.Fixtures.models;
import static dev.forewarn.ingest.testing.Fixtures.overheating;
import static dev.forewarn.ingest.testing.Fixtures.reading;
import static dev.forewarn.ingest.testing.Fixtures.rulesInputIdle;
import static dev.forewarn.ingest.testing.Fixtures.update;
import static dev.forewarn.rules.lifecycle.CaseEvent.Type.OPENED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.rules.Evaluators;
import dev.forewarn.rules.RuleState;
import dev.forewarn.rules.RuleStates;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.Scope;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.lifecycle.Lifecycle;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.silence.SilenceCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.checkpoint.OperatorSubtaskState;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.runtime.state.heap.HeapKeyedStateBackend;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DetectCasesTest {

  private static final String HOT = "dev-hot";
  private static final String COOL = "dev-cool";

  private KeyedBroadcastOperatorTestHarness<String, Reading, RuleUpdate, CaseEvent> harness;

  @BeforeEach
  void openHarness() throws Exception {
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new DetectCases(), Reading::deviceId, Types.STRING, DetectCases.RULES);
    // The rules reader has its retained set (empty so far): event time runs (RulesWatermarks).
    harness.processBroadcastElement(RuleUpdate.synced(List.of()), 0);
    rulesInputIdle(harness);
  }

  @AfterEach
  void closeHarness() throws Exception {
    harness.close();
  }

  @Test
  void opensThenClearsOneCaseWhenTheMetricStaysAboveTheLevelThenFalls() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);

    push(
        reading(HOT, T0, 70),
        reading(HOT, T0_PLUS_1M, 85),
        reading(HOT, T0_PLUS_2M, 86),
        reading(HOT, T0_PLUS_3M, 87),
        reading(HOT, T0_PLUS_4M, 60));

    List<CaseEvent> events = harness.extractOutputValues();
    assertThat(events)
        .extracting(CaseEvent::type, CaseEvent::occurredAt, CaseEvent::episodeStart)
        .containsExactly(
            tuple(CaseEvent.Type.OPENED, T0_PLUS_3M, T0_PLUS_1M),
            tuple(CaseEvent.Type.CLEARED, T0_PLUS_4M, T0_PLUS_1M));
    assertThat(events.get(0).eventId())
        .isEqualTo(CaseEvent.idFor(HOT, "overheat", 1, CaseEvent.Type.OPENED, T0_PLUS_1M));
    assertThat(events).allSatisfy(event -> assertThat(event.deviceId()).isEqualTo(HOT));
  }

  @Test
  void refusesAReadingFurtherBehindTheDevicesNewestThanTheStateLivesAndGoesOn() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0, 70), reading(HOT, T0_PLUS_1M, 85));
    Reading wentBack =
        new Reading(HOT, T0.minus(Duration.ofDays(800)), 2, MODEL, Map.of(METRIC, 99.0));
    pushWithoutWatermark(wentBack);
    push(reading(HOT, T0_PLUS_2M, 86), reading(HOT, T0_PLUS_3M, 87));

    assertThat(deadLetters())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.reason())
                  .isEqualTo(
                      "ts: 2024-09-13T10:00:00Z is 2 years behind the device's newest reading at"
                          + " 2026-11-22T10:01:00Z (limit 7 days): its clock went back");
              assertThat(letter.clock()).isEqualTo("went_back");
              assertThat(letter.deviceId()).isEqualTo(HOT);
              assertThat(letter.payload()).contains("\"seq\":2").contains("2024-09-13T10:00:00Z");
            });
    // The device's own next readings (seq 2 again) are evaluated as if it had never come.
    assertThat(harness.extractOutputValues())
        .extracting(CaseEvent::type, CaseEvent::occurredAt)
        .containsExactly(tuple(OPENED, T0_PLUS_3M));
  }

  @Test
  void aReadingBehindByLessThanTheStateLivesIsJudgedByItsTurnAsBefore() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0, 70), reading(HOT, T0_PLUS_1M, 85));
    pushWithoutWatermark(
        new Reading(HOT, T0.minus(Duration.ofDays(6)), 1, MODEL, Map.of(METRIC, 99.0)));

    assertThat(deadLetters())
        .extracting(DeadLetter::clock)
        .allSatisfy(clock -> assertThat(clock).isEmpty());
  }

  @Test
  void aRemovedRulesStateGoesWhenEachDeviceNextReadsAndTheOtherRulesKeepTheirs() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    harness.processBroadcastElement(update(overheating("overheat-strict", 1)), 0);
    push(reading(HOT, T0, 85), reading(COOL, T0, 60));
    assertThat(ruleIdsWithState(HOT)).containsExactly("overheat", "overheat-strict");
    assertThat(ruleIdsWithState(COOL)).containsExactly("overheat", "overheat-strict");

    harness.processBroadcastElement(RuleUpdate.removal("overheat"), 0);
    // No device is visited at the change itself.
    assertThat(ruleIdsWithState(COOL)).containsExactly("overheat", "overheat-strict");
    push(reading(HOT, T0_PLUS_1M, 85), reading(COOL, T0_PLUS_1M, 60));

    assertThat(ruleIdsWithState(HOT)).containsExactly("overheat-strict");
    assertThat(ruleIdsWithState(COOL)).containsExactly("overheat-strict");
    assertThat(harness.numProcessingTimeTimers()).isZero();
    assertThat(activeRules()).containsExactly("overheat-strict");
  }

  @Test
  void aRemovedRuleClosesTheOpenCaseOfADeviceThatNeverReportsAgainWhenItsStateExpires()
      throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0, 70), reading(HOT, T0_PLUS_1M, 85), reading(HOT, T0_PLUS_3M, 87));
    assertThat(harness.extractOutputValues()).extracting(CaseEvent::type).containsExactly(OPENED);

    harness.processBroadcastElement(RuleUpdate.removal("overheat"), 0);
    // The device's next timer is the expiry its first reading asked for; it finds the rule gone.
    Instant expiry = T0.plus(DetectCases.STATE_TTL);
    harness.processWatermark(expiry.toEpochMilli());

    assertThat(harness.extractOutputValues())
        .last()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(CaseEvent.Type.SUPERSEDED);
              assertThat(event.ruleVersion()).isEqualTo(1);
              assertThat(event.episodeStart()).isEqualTo(T0_PLUS_1M);
              assertThat(event.occurredAt()).isEqualTo(expiry);
              assertThat(event.summary()).isEqualTo("rule overheat removed");
              assertThat(event.eventId())
                  .isEqualTo(
                      CaseEvent.idFor(HOT, "overheat", 1, CaseEvent.Type.SUPERSEDED, T0_PLUS_1M));
            });
    assertThat(stateEntries()).isZero();
    // The expiry the newest reading asked for fires too, and finds nothing left.
    harness.processWatermark(T0_PLUS_3M.plus(DetectCases.STATE_TTL).toEpochMilli());
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(stateEntries()).isZero();
  }

  @Test
  void aReplacedRuleClosesItsOpenCaseAsSupersededWhenTheDeviceNextReportsThenStartsAfresh()
      throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0, 70), reading(HOT, T0_PLUS_1M, 85), reading(HOT, T0_PLUS_3M, 87));

    harness.processBroadcastElement(update(overheating("overheat", 2)), 0);
    push(reading(HOT, T0_PLUS_4M, 88));

    assertThat(harness.extractOutputValues())
        .extracting(CaseEvent::type, CaseEvent::ruleVersion, CaseEvent::episodeStart)
        .containsExactly(
            tuple(OPENED, 1, T0_PLUS_1M), tuple(CaseEvent.Type.SUPERSEDED, 1, T0_PLUS_1M));
    assertThat(harness.extractOutputValues().get(1).summary())
        .isEqualTo("rule overheat version 1 replaced by version 2");
  }

  @Test
  void aDeviceThatLeavesARulesScopeHasItsOpenCaseSuperseded() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1, models("AC-200"))), 0);
    push(reading(HOT, T0, 70), reading(HOT, T0_PLUS_1M, 85), reading(HOT, T0_PLUS_3M, 87));

    // The device now reports another model, which the rule's scope does not name.
    push(new Reading(HOT, T0_PLUS_4M, 4, "AC-300", Map.of(METRIC, 90.0)));

    assertThat(harness.extractOutputValues())
        .extracting(CaseEvent::type)
        .containsExactly(OPENED, CaseEvent.Type.SUPERSEDED);
    assertThat(stateEntries()).isZero();
  }

  @Test
  void undecodableStateFailsLoudlyInsteadOfStartingTheDeviceAfresh() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0, 70));
    KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
    backend.setCurrentKey(HOT);
    backend
        .getPartitionedState(
            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, DetectCases.RULE_STATES)
        .put("overheat", new byte[] {9, 9, 9});

    assertThatThrownBy(() -> push(reading(HOT, T0_PLUS_1M, 85)))
        .hasMessageContaining("state of device " + HOT + " under rule overheat cannot be decoded");
  }

  @Test
  void removingTheLastRuleLeavesNoKeyedStateAndNoTimersOnceEveryDeviceReadOrExpired()
      throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0, 85), reading(HOT, T0_PLUS_1M, 86), reading(COOL, T0, 60));
    // Per device: its state under the rule, its reading position, its newest time, the rules
    // that applied to it and its next wakeup (its expiry).
    assertThat(stateEntries()).isEqualTo(10);

    harness.processBroadcastElement(RuleUpdate.removal("overheat"), 0);
    push(reading(HOT, T0_PLUS_5M, 99));
    // COOL never reports again: its state goes when it expires.
    harness.processWatermark(T0.plus(DetectCases.STATE_TTL).toEpochMilli());

    assertThat(stateEntries()).isZero();
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void aNewVersionReplacesTheOldOneAndStartsFromScratch() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0_PLUS_1M, 85), reading(HOT, T0_PLUS_2M, 86));
    assertThat(ruleIdsWithState(HOT)).containsExactly("overheat");

    // No device is visited at the change: HOT drops its version 1 state when it next reads it.
    harness.processBroadcastElement(update(overheating("overheat", 2)), 0);

    // Under version 1 this reading would have opened a case: its breach began at T0+1m.
    push(reading(HOT, T0_PLUS_3M, 87));
    assertThat(harness.extractOutputValues()).isEmpty();
    push(reading(HOT, T0_PLUS_5M, 88));

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.ruleVersion()).isEqualTo(2);
              assertThat(event.episodeStart()).isEqualTo(T0_PLUS_3M);
            });
  }

  @Test
  void anOlderVersionArrivingLateChangesNothing() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 2)), 0);
    push(reading(HOT, T0_PLUS_1M, 85));

    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);

    assertThat(harness.getBroadcastState(DetectCases.RULES).get("overheat").version()).isEqualTo(2);
    assertThat(ruleIdsWithState(HOT)).containsExactly("overheat");
  }

  @Test
  void theSameVersionDeliveredAgainKeepsTheRunningBreach() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0_PLUS_1M, 85), reading(HOT, T0_PLUS_2M, 86));

    // A reconnect of the rules reader delivers every retained document again.
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0_PLUS_3M, 87));

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(event -> assertThat(event.episodeStart()).isEqualTo(T0_PLUS_1M));
  }

  @Test
  void aReadingOfADeviceOutsideTheScopeLeavesNoState() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1, devices(HOT))), 0);

    push(reading(COOL, T0, 99), reading(COOL, T0_PLUS_3M, 99));

    assertThat(stateEntries()).isZero();
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void aBacklogThatArrivesBeforeTheRetainedRulesWaitsForThemAndIsThenEvaluated() throws Exception {
    harness.close();
    harness =
        ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
            new DetectCases(), Reading::deviceId, Types.STRING, DetectCases.RULES);

    // After a restart the resumed session's backlog reaches detection before the rules do.
    pushWithoutWatermark(
        reading(HOT, T0, 70),
        reading(HOT, T0_PLUS_1M, 85),
        reading(HOT, T0_PLUS_2M, 86),
        reading(HOT, T0_PLUS_3M, 87),
        reading(COOL, T0_PLUS_3M, 60));
    assertThat(heldSeqs(HOT)).containsExactly(0L, 1L, 2L, 3L);

    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    harness.processBroadcastElement(RuleUpdate.synced(List.of("overheat")), 0);
    rulesInputIdle(harness);
    harness.processWatermark(T0_PLUS_3M.toEpochMilli());

    assertThat(harness.extractOutputValues())
        .extracting(CaseEvent::type, CaseEvent::occurredAt, CaseEvent::episodeStart)
        .containsExactly(tuple(CaseEvent.Type.OPENED, T0_PLUS_3M, T0_PLUS_1M));
    assertThat(heldSeqs(HOT)).isEmpty();
  }

  @Test
  void aRuleRemovedWhileTheReaderWasAwayIsRemovedWhenTheRetainedSetLacksIt() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    harness.processBroadcastElement(update(overheating("overheat-strict", 1)), 0);
    push(reading(HOT, T0, 70));

    // The reader reconnects; "overheat" was removed meanwhile, and its empty retained message is
    // gone with the broker's memory of it.
    harness.processBroadcastElement(update(overheating("overheat-strict", 1)), 0);
    harness.processBroadcastElement(RuleUpdate.synced(List.of("overheat-strict")), 0);

    assertThat(activeRules()).containsExactly("overheat-strict");
    push(reading(HOT, T0_PLUS_1M, 85), reading(HOT, T0_PLUS_2M, 86), reading(HOT, T0_PLUS_3M, 87));
    assertThat(harness.extractOutputValues())
        .extracting(CaseEvent::ruleId)
        .containsExactly("overheat-strict");
    assertThat(ruleIdsWithState(HOT)).containsExactly("overheat-strict");
  }

  @Test
  void readingsBeforeAnyRuleAreNotEvaluated() throws Exception {
    push(reading(HOT, T0, 99), reading(HOT, T0_PLUS_3M, 99));

    assertThat(stateEntries()).isZero();
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void aReadingArrivingAfterItsTurnIsKeptAsALateDeadLetterAndChangesNothing() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0_PLUS_1M, 85), reading(HOT, T0_PLUS_3M, 70));

    // The watermark passed T0+3m while seq 2 was missing, so seq 3 was evaluated after seq 1.
    // Were the late breaching reading taken now, a breach run would start at T0+2m and the
    // reading at T0+4m would open a case. Refused, the run starts at T0+4m and stays short.
    push(reading(HOT, T0_PLUS_2M, 99), reading(HOT, T0_PLUS_4M, 85), reading(HOT, T0_PLUS_5M, 86));

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(lateDeadLetters())
        .singleElement()
        .satisfies(
            late -> {
              assertThat(late.topic()).isEqualTo("devices/" + HOT + "/telemetry");
              assertThat(late.reason()).startsWith("late: seq 2 at " + T0_PLUS_2M);
              assertThat(late.payload()).contains("99");
            });
  }

  @Test
  void readingsReorderedOnTheWayAreEvaluatedInSeqOrder() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0, 70));

    // Seq 3 overtakes seq 2. Evaluated in arrival order the dip at T0+2m would be skipped and a
    // case would open at T0+3m; in seq order the dip ends the breach run. Seq 1 and 2 follow on
    // directly, so they do not wait for the watermark, and seq 3 then follows seq 2.
    pushWithoutWatermark(
        reading(HOT, T0_PLUS_1M, 85), reading(HOT, T0_PLUS_3M, 87), reading(HOT, T0_PLUS_2M, 60));

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(heldSeqs(HOT)).isEmpty();
    assertThat(lateDeadLetters()).isEmpty();
  }

  @Test
  void aReadingAfterAGapWaitsForTheWatermarkThenIsEvaluated() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);

    push(reading(HOT, T0_PLUS_1M, 85));
    pushWithoutWatermark(reading(HOT, T0_PLUS_3M, 87));
    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(heldSeqs(HOT)).containsExactly(3L);
    // The held reading's, and the device's expiry.
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);

    // Seq 2 never comes: once the watermark passes T0+3m, nothing older can arrive in time.
    harness.processWatermark(T0_PLUS_3M.toEpochMilli());

    assertThat(harness.extractOutputValues())
        .extracting(CaseEvent::type, CaseEvent::occurredAt, CaseEvent::episodeStart)
        .containsExactly(tuple(CaseEvent.Type.OPENED, T0_PLUS_3M, T0_PLUS_1M));
    assertThat(heldSeqs(HOT)).isEmpty();
    // Only expiries are left: the first reading's, which will find the device alive, and the
    // newest one's.
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);
  }

  @Test
  void aDuplicateIsIgnoredWithoutADeadLetter() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);

    push(reading(HOT, T0_PLUS_1M, 85), reading(HOT, T0_PLUS_2M, 86));
    // Redelivered by the broker after a reconnect, and held twice behind a gap.
    push(reading(HOT, T0_PLUS_2M, 86), reading(HOT, T0_PLUS_1M, 85));
    pushWithoutWatermark(reading(HOT, T0_PLUS_4M, 90), reading(HOT, T0_PLUS_4M, 90));

    assertThat(heldSeqs(HOT)).containsExactly(4L);
    assertThat(lateDeadLetters()).isEmpty();
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void readingsWithoutSeqWaitForTheWatermarkAndAreEvaluatedInEventTimeOrder() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);

    // The dip at T0+2m arrives last. In arrival order the run 85, 87 would open a case at T0+3m;
    // in event-time order the dip ends it.
    pushWithoutWatermark(
        unnumbered(HOT, T0_PLUS_1M, 85),
        unnumbered(HOT, T0_PLUS_3M, 87),
        unnumbered(HOT, T0_PLUS_2M, 60));
    assertThat(heldSeqs(HOT)).hasSize(3);

    harness.processWatermark(T0_PLUS_3M.toEpochMilli());

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(heldSeqs(HOT)).isEmpty();
    assertThat(lateDeadLetters()).isEmpty();

    // Without the dip the same readings open the case: they were evaluated, not dropped.
    push(
        unnumbered(HOT, T0_PLUS_4M, 88),
        unnumbered(HOT, T0_PLUS_5M, 89),
        unnumbered(HOT, T0_PLUS_6M, 90));
    assertThat(harness.extractOutputValues())
        .extracting(CaseEvent::type, CaseEvent::occurredAt, CaseEvent::episodeStart)
        .containsExactly(tuple(CaseEvent.Type.OPENED, T0_PLUS_5M, T0_PLUS_3M));
  }

  @Test
  void aReadingWithoutSeqAtTheSameTimeAgainIsADuplicateAndAnEarlierOneIsLate() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(unnumbered(HOT, T0_PLUS_1M, 85), unnumbered(HOT, T0_PLUS_3M, 70));

    // Redelivered after a reconnect; and held twice before the watermark passes it.
    push(unnumbered(HOT, T0_PLUS_1M, 85), unnumbered(HOT, T0_PLUS_3M, 70));
    pushWithoutWatermark(unnumbered(HOT, T0_PLUS_5M, 90), unnumbered(HOT, T0_PLUS_5M, 90));
    assertThat(heldSeqs(HOT)).hasSize(1);
    assertThat(lateDeadLetters()).isEmpty();

    // Never evaluated, and older than what was: late.
    push(unnumbered(HOT, T0_PLUS_2M, 99));

    assertThat(lateDeadLetters())
        .singleElement()
        .satisfies(
            late ->
                assertThat(late.reason())
                    .isEqualTo(
                        "late: reading without seq at "
                            + T0_PLUS_2M
                            + " arrived after the reading at "
                            + T0_PLUS_3M
                            + " was evaluated"));
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  private static Reading unnumbered(String deviceId, Instant at, double celsius) {
    return new Reading(deviceId, at, Reading.NO_SEQ, "AC-200", Map.of(METRIC, celsius));
  }

  @Test
  void aDeviceThatRestartsItsCounterIsFollowedFromItsNewSeq() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0_PLUS_4M, 85));

    // After a reboot the device counts from 0 again, with newer timestamps.
    Reading rebooted = new Reading(HOT, T0_PLUS_5M, 0, "AC-200", Map.of(METRIC, 86.0));
    Reading next = new Reading(HOT, T0_PLUS_6M, 1, "AC-200", Map.of(METRIC, 87.0));
    pushWithoutWatermark(rebooted, next);

    assertThat(harness.extractOutputValues())
        .extracting(CaseEvent::type, CaseEvent::occurredAt, CaseEvent::episodeStart)
        .containsExactly(tuple(CaseEvent.Type.OPENED, T0_PLUS_6M, T0_PLUS_4M));
    assertThat(lateDeadLetters()).isEmpty();
  }

  @Test
  void rulesAndDeviceStatesSurviveARestoreFromACheckpoint() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0_PLUS_1M, 85), reading(HOT, T0_PLUS_2M, 86));
    OperatorSubtaskState checkpoint = harness.snapshot(1, 1);
    harness.close();

    harness =
        new KeyedBroadcastOperatorTestHarness<>(
            new CoBroadcastWithKeyedOperator<>(new DetectCases(), List.of(DetectCases.RULES)),
            Reading::deviceId,
            Types.STRING,
            1,
            1,
            0);
    harness.setup();
    harness.initializeState(checkpoint);
    harness.open();
    rulesInputIdle(harness);
    push(reading(HOT, T0_PLUS_3M, 87));

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(CaseEvent.Type.OPENED);
              assertThat(event.episodeStart()).isEqualTo(T0_PLUS_1M);
            });
  }

  @Test
  void aDeviceThatFallsSilentOpensACaseWhenEventTimePassesItsDeadline() throws Exception {
    harness.processBroadcastElement(update(silentFor("quiet", Duration.ofMinutes(3))), 0);
    push(reading(HOT, T0, 70), reading(HOT, T0_PLUS_1M, 71), reading(COOL, T0_PLUS_1M, 60));
    assertThat(harness.numEventTimeTimers()).isEqualTo(2);

    // COOL keeps talking, which moves the watermark; HOT said nothing after T0+1m.
    push(reading(COOL, T0_PLUS_2M, 60), reading(COOL, T0_PLUS_3M, 60));
    assertThat(harness.extractOutputValues()).isEmpty();
    push(reading(COOL, T0_PLUS_4M, 60), reading(COOL, T0_PLUS_5M, 60));

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.deviceId()).isEqualTo(HOT);
              assertThat(event.type()).isEqualTo(CaseEvent.Type.OPENED);
              // Silent for more than three minutes: the first instant after T0+4m.
              assertThat(event.occurredAt()).isEqualTo(T0_PLUS_4M.plusNanos(1));
              assertThat(event.episodeStart()).isEqualTo(T0_PLUS_4M);
            });
  }

  @Test
  void oneDeviceWithAFastClockMakesNoOtherDeviceLookSilent() throws Exception {
    harness.processBroadcastElement(update(silentFor("quiet", Duration.ofMinutes(10))), 0);
    FleetWatermarks fleetTime =
        new FleetWatermarks(Duration.ofSeconds(5), Duration.ofMinutes(10), () -> 0L);
    WatermarkOutput toHarness = new HarnessWatermarks();

    for (int minute = 0; minute < 30; minute++) {
      for (int device = 0; device < 5; device++) {
        process(fleetTime, reading("dev-" + device, T0.plusSeconds(60L * minute), 60));
      }
      // An hour ahead: with the newest time as the fleet's, everyone else is 50 minutes silent.
      process(fleetTime, reading("dev-fast", T0.plusSeconds(3600 + 60L * minute), 60));
      fleetTime.onPeriodicEmit(toHarness);
    }

    assertThat(harness.extractOutputValues()).isEmpty();
  }

  private void process(FleetWatermarks fleetTime, Reading reading) throws Exception {
    harness.processElement(reading, reading.ts().toEpochMilli());
    fleetTime.onEvent(reading, reading.ts().toEpochMilli(), null);
  }

  /** Watermarks from a generator into the harness. */
  private final class HarnessWatermarks implements WatermarkOutput {
    @Override
    public void emitWatermark(Watermark watermark) {
      try {
        harness.processWatermark(watermark.getTimestamp());
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void markIdle() {}

    @Override
    public void markActive() {}
  }

  @Test
  void removingASilenceRuleLeavesItsTimersNothingToDo() throws Exception {
    harness.processBroadcastElement(update(silentFor("quiet", Duration.ofMinutes(3))), 0);
    push(reading(HOT, T0, 70));
    assertThat(harness.numEventTimeTimers()).isEqualTo(1);

    harness.processBroadcastElement(RuleUpdate.removal("quiet"), 0);
    harness.processWatermark(T0_PLUS_6M.toEpochMilli());

    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(stateEntries()).isZero();
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void aRuleThatFailsOnAReadingMakesItADeadLetterForThatRuleWhileTheOtherRulesGoOn()
      throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    harness.processBroadcastElement(update(overheating("overheat-strict", 1)), 0);
    push(reading(HOT, T0, 70));
    // A state that does not fit the rule's condition makes its evaluator throw on every reading.
    storeState(HOT, "overheat", Evaluators.initialState(silentFor("quiet", Duration.ofMinutes(3))));

    push(reading(HOT, T0_PLUS_1M, 85), reading(HOT, T0_PLUS_2M, 86), reading(HOT, T0_PLUS_3M, 87));

    assertThat(harness.extractOutputValues())
        .extracting(CaseEvent::type, CaseEvent::ruleId, CaseEvent::occurredAt)
        .containsExactly(tuple(CaseEvent.Type.OPENED, "overheat-strict", T0_PLUS_3M));
    assertThat(deadLetters())
        .hasSize(3)
        .allSatisfy(
            letter -> {
              assertThat(letter.topic()).isEqualTo("devices/" + HOT + "/telemetry");
              assertThat(letter.reason())
                  .startsWith("rule overheat version 1: evaluation failed: ")
                  .contains("does not fit a threshold condition");
            });
    assertThat(deadLetters().get(0).payload()).contains("\"seq\":1");
    // The device goes on: its position moved past every reading.
    push(reading(HOT, T0_PLUS_4M, 60));
    assertThat(harness.extractOutputValues()).hasSize(2);
  }

  private void storeState(String deviceId, String ruleId, RuleState state) throws Exception {
    KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
    backend.setCurrentKey(deviceId);
    backend
        .getPartitionedState(
            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, DetectCases.RULE_STATES)
        .put(ruleId, RuleStates.encode(state));
  }

  private static Rule silentFor(String id, Duration after) {
    return new Rule(
        id,
        1,
        "Device silent",
        Scope.ALL,
        Severity.WARNING,
        new SilenceCondition(null, after),
        Lifecycle.sustained(Duration.ZERO, 1));
  }

  /** Pushes readings with the watermark right behind each one (no out-of-orderness allowed). */
  private void push(Reading... readings) throws Exception {
    for (Reading reading : readings) {
      harness.processElement(reading, reading.ts().toEpochMilli());
      harness.processWatermark(reading.ts().toEpochMilli());
    }
  }

  private void pushWithoutWatermark(Reading... readings) throws Exception {
    for (Reading reading : readings) {
      harness.processElement(reading, reading.ts().toEpochMilli());
    }
  }

  private List<DeadLetter> deadLetters() {
    return lateDeadLetters();
  }

  private List<DeadLetter> lateDeadLetters() {
    List<DeadLetter> late = new ArrayList<>();
    var records = harness.getSideOutput(DetectCases.DEAD_LETTERS);
    if (records != null) {
      records.forEach(record -> late.add(record.getValue()));
    }
    return late;
  }

  private List<Long> heldSeqs(String deviceId) throws Exception {
    KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
    backend.setCurrentKey(deviceId);
    MapState<Long, byte[]> held =
        backend.getPartitionedState(
            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, DeviceQueue.HELD);
    List<Long> seqs = new ArrayList<>();
    held.keys().forEach(seqs::add);
    seqs.sort(Long::compareTo);
    return seqs;
  }

  private Set<String> activeRules() throws Exception {
    Set<String> ids = new TreeSet<>();
    for (var entry : harness.getBroadcastState(DetectCases.RULES).entries()) {
      Rule rule = entry.getValue().rule();
      ids.add(rule.id());
    }
    return ids;
  }

  private int stateEntries() {
    KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
    return ((HeapKeyedStateBackend<?>) backend).numKeyValueStateEntries();
  }

  private List<String> ruleIdsWithState(String deviceId) throws Exception {
    KeyedStateBackend<Object> backend = harness.getOperator().getKeyedStateBackend();
    backend.setCurrentKey(deviceId);
    MapState<String, byte[]> states =
        backend.getPartitionedState(
            VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, DetectCases.RULE_STATES);
    List<String> ids = new ArrayList<>();
    states.keys().forEach(ids::add);
    ids.sort(String::compareTo);
    return ids;
  }
}
