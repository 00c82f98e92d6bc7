package dev.forewarn.ingest.detection;

import static dev.forewarn.ingest.testing.Fixtures.T0;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_1M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_2M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_3M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_4M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_5M;
import static dev.forewarn.ingest.testing.Fixtures.devices;
import static dev.forewarn.ingest.testing.Fixtures.overheating;
import static dev.forewarn.ingest.testing.Fixtures.reading;
import static dev.forewarn.ingest.testing.Fixtures.update;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.forewarn.rules.CaseEvent;
import dev.forewarn.rules.Reading;
import dev.forewarn.rules.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
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
  void removingARuleDropsItsStateOnEveryDeviceAndKeepsTheOthers() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    harness.processBroadcastElement(update(overheating("overheat-strict", 1)), 0);
    push(reading(HOT, T0, 85), reading(COOL, T0, 60));
    assertThat(ruleIdsWithState(HOT)).containsExactly("overheat", "overheat-strict");
    assertThat(ruleIdsWithState(COOL)).containsExactly("overheat", "overheat-strict");

    harness.processBroadcastElement(RuleUpdate.removal("overheat"), 0);

    assertThat(ruleIdsWithState(HOT)).containsExactly("overheat-strict");
    assertThat(ruleIdsWithState(COOL)).containsExactly("overheat-strict");
    assertThat(harness.numEventTimeTimers()).isZero();
    assertThat(harness.numProcessingTimeTimers()).isZero();
    assertThat(activeRules()).containsExactly("overheat-strict");
  }

  @Test
  void removingTheLastRuleLeavesNoKeyedStateAndNoTimers() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0, 85), reading(HOT, T0_PLUS_1M, 86), reading(COOL, T0, 60));
    assertThat(stateEntries()).isEqualTo(2);

    harness.processBroadcastElement(RuleUpdate.removal("overheat"), 0);
    push(reading(HOT, T0_PLUS_5M, 99));

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

    harness.processBroadcastElement(update(overheating("overheat", 2)), 0);
    assertThat(stateEntries()).isZero();

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
  void readingsBeforeAnyRuleAreNotEvaluated() throws Exception {
    push(reading(HOT, T0, 99), reading(HOT, T0_PLUS_3M, 99));

    assertThat(stateEntries()).isZero();
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  @Test
  void aReadingOlderThanTheLastOneChangesNothing() throws Exception {
    harness.processBroadcastElement(update(overheating("overheat", 1)), 0);
    push(reading(HOT, T0_PLUS_1M, 85), reading(HOT, T0_PLUS_3M, 70));

    // Were the late breaching reading taken as the newest, a breach run would start at T0+2m and
    // the reading at T0+4m would open a case. Ignored, the run starts at T0+4m and stays short.
    push(reading(HOT, T0_PLUS_2M, 99), reading(HOT, T0_PLUS_4M, 85), reading(HOT, T0_PLUS_5M, 86));

    assertThat(harness.extractOutputValues()).isEmpty();
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
    push(reading(HOT, T0_PLUS_3M, 87));

    assertThat(harness.extractOutputValues())
        .singleElement()
        .satisfies(
            event -> {
              assertThat(event.type()).isEqualTo(CaseEvent.Type.OPENED);
              assertThat(event.episodeStart()).isEqualTo(T0_PLUS_1M);
            });
  }

  private void push(Reading... readings) throws Exception {
    for (Reading reading : readings) {
      harness.processElement(reading, reading.ts().toEpochMilli());
    }
  }

  private Set<String> activeRules() throws Exception {
    Set<String> ids = new TreeSet<>();
    for (var entry : harness.getBroadcastState(DetectCases.RULES).entries()) {
      Rule rule = entry.getValue();
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
