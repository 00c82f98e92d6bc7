package dev.forewarn.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.connector.source.ReaderInfo;
import org.apache.flink.api.connector.source.SplitsAssignment;
import org.apache.flink.api.connector.source.mocks.MockSplitEnumeratorContext;
import org.junit.jupiter.api.Test;

class MqttEnumeratorTest {

  @Test
  void givesEachReaderItsOwnSession() throws Exception {
    try (MockSplitEnumeratorContext<MqttSplit> context = new MockSplitEnumeratorContext<>(2)) {
      MqttEnumerator enumerator = fresh(context);

      register(context, enumerator, 0);
      register(context, enumerator, 1);

      assertThat(assigned(context)).isEqualTo(Map.of(0, List.of(0), 1, List.of(1)));
      assertThat(enumerator.snapshotState(1)).isEqualTo(new MqttEnumeratorState(2, List.of()));
    }
  }

  @Test
  void aPlainSubscriptionHasOneSessionWhateverTheParallelism() throws Exception {
    try (MockSplitEnumeratorContext<MqttSplit> context = new MockSplitEnumeratorContext<>(2)) {
      MqttEnumerator enumerator =
          new MqttEnumerator(context, false, new MqttEnumeratorState(0, List.of()));
      enumerator.start();

      register(context, enumerator, 0);
      register(context, enumerator, 1);

      assertThat(assigned(context)).isEqualTo(Map.of(0, List.of(0)));
      assertThat(enumerator.snapshotState(1)).isEqualTo(new MqttEnumeratorState(1, List.of()));
    }
  }

  @Test
  void addsSessionsWhenRestoredWithAHigherParallelism() throws Exception {
    try (MockSplitEnumeratorContext<MqttSplit> context = new MockSplitEnumeratorContext<>(3)) {
      MqttEnumerator enumerator =
          new MqttEnumerator(context, true, new MqttEnumeratorState(2, List.of()));
      enumerator.start();

      for (int reader = 0; reader < 3; reader++) {
        register(context, enumerator, reader);
      }

      // Sessions 0 and 1 come back with the readers' own restored state; only 2 is new.
      assertThat(assigned(context)).isEqualTo(Map.of(2, List.of(2)));
      assertThat(enumerator.snapshotState(1).splitCount()).isEqualTo(3);
    }
  }

  @Test
  void handsASessionBackToItsReaderAfterThatReaderFailed() throws Exception {
    try (MockSplitEnumeratorContext<MqttSplit> context = new MockSplitEnumeratorContext<>(2)) {
      MqttEnumerator enumerator = fresh(context);
      register(context, enumerator, 0);
      register(context, enumerator, 1);
      context.getSplitsAssignmentSequence().clear();

      context.unregisterReader(1);
      enumerator.addSplitsBack(List.of(new MqttSplit(1)), 1);
      assertThat(enumerator.snapshotState(2).unassigned()).containsExactly(1);
      register(context, enumerator, 1);

      assertThat(assigned(context)).isEqualTo(Map.of(1, List.of(1)));
    }
  }

  @Test
  void serializersRoundTrip() throws Exception {
    MqttEnumeratorState state = new MqttEnumeratorState(5, List.of(3, 4));
    byte[] bytes = MqttEnumeratorStateSerializer.INSTANCE.serialize(state);
    assertThat(MqttEnumeratorStateSerializer.INSTANCE.deserialize(1, bytes)).isEqualTo(state);

    byte[] split = MqttSplitSerializer.INSTANCE.serialize(new MqttSplit(7));
    assertThat(MqttSplitSerializer.INSTANCE.deserialize(1, split)).isEqualTo(new MqttSplit(7));
  }

  private static MqttEnumerator fresh(MockSplitEnumeratorContext<MqttSplit> context) {
    MqttEnumerator enumerator =
        new MqttEnumerator(context, true, new MqttEnumeratorState(0, List.of()));
    enumerator.start();
    return enumerator;
  }

  private static void register(
      MockSplitEnumeratorContext<MqttSplit> context, MqttEnumerator enumerator, int reader) {
    context.registerReader(new ReaderInfo(reader, "localhost"));
    enumerator.addReader(reader);
  }

  private static Map<Integer, List<Integer>> assigned(
      MockSplitEnumeratorContext<MqttSplit> context) {
    Map<Integer, List<Integer>> byReader = new HashMap<>();
    for (SplitsAssignment<MqttSplit> assignment : context.getSplitsAssignmentSequence()) {
      assignment
          .assignment()
          .forEach(
              (reader, splits) ->
                  splits.forEach(
                      split ->
                          byReader
                              .computeIfAbsent(reader, r -> new java.util.ArrayList<>())
                              .add(split.index())));
    }
    return byReader;
  }
}
