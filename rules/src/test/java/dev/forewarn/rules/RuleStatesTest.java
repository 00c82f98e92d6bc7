package dev.forewarn.rules;

import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.T0_PLUS_10M;
import static dev.forewarn.rules.TestData.T0_PLUS_2M;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forewarn.rules.composite.CompositeState;
import dev.forewarn.rules.condition.ConditionState;
import dev.forewarn.rules.condition.ConditionStatus;
import dev.forewarn.rules.condition.Varints;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.drift.DriftState;
import dev.forewarn.rules.lifecycle.LifecycleState;
import dev.forewarn.rules.silence.SilenceState;
import dev.forewarn.rules.stats.BaselineState;
import dev.forewarn.rules.stats.WindowBuckets;
import dev.forewarn.rules.trend.TrendState;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RuleStatesTest {

  private static final ConditionState NONE = ConditionState.None.INSTANCE;

  static Stream<RuleState> states() {
    return Stream.of(
        state(LifecycleState.INITIAL, NONE),
        state(lifecycle(T0, null, null, 0, null), NONE),
        state(lifecycle(T0_PLUS_2M, T0, null, 3, null), NONE),
        state(lifecycle(T0_PLUS_10M, null, null, 0, T0), NONE),
        state(lifecycle(T0.plusNanos(123_456_789), T0.plusNanos(1), null, 1, null), NONE),
        state(lifecycle(Instant.parse("1969-12-31T23:59:59.5Z"), null, null, 0, null), NONE),
        state(lifecycle(Instant.MAX, Instant.MIN, null, Integer.MAX_VALUE, Instant.EPOCH), NONE),
        state(
            new LifecycleState(
                T0_PLUS_10M,
                T0_PLUS_10M.plusSeconds(5),
                null,
                0,
                T0,
                Severity.CRITICAL,
                T0_PLUS_10M.plusSeconds(7200),
                T0_PLUS_2M,
                T0.minusSeconds(60),
                List.of(T0.minusSeconds(600), T0)),
            NONE),
        state(LifecycleState.INITIAL, new SilenceState(T0)),
        state(LifecycleState.INITIAL, SilenceState.INITIAL),
        state(LifecycleState.INITIAL, new DriftState(new BaselineState(40, T0, 71.25, 0.5), 72.0)),
        state(LifecycleState.INITIAL, WindowBuckets.empty(6).add(5, 100, 1.5).add(7, 2, -2.0)),
        state(
            LifecycleState.INITIAL,
            new TrendState(WindowBuckets.empty(12).add(100, 0, 3.0), BaselineState.INITIAL)),
        state(
            LifecycleState.INITIAL,
            new CompositeState(
                List.of(NONE, new SilenceState(T0)),
                List.of(ConditionStatus.HOLDS, ConditionStatus.UNKNOWN))));
  }

  @ParameterizedTest
  @MethodSource("states")
  void stateRoundTripsThroughBytes(RuleState state) {
    assertThat(RuleStates.decode(RuleStates.encode(state))).isEqualTo(state);
  }

  @Test
  void thresholdStateWithARunningBreachAndOpenCaseIsSmall() {
    RuleState state = state(lifecycle(T0_PLUS_10M.plusMillis(250), T0_PLUS_2M, null, 42, T0), NONE);

    assertThat(RuleStates.encode(state)).hasSizeLessThan(32);
  }

  @Test
  void initialThresholdStateTakesFiveBytes() {
    assertThat(RuleStates.encode(state(LifecycleState.INITIAL, NONE))).hasSize(5);
  }

  @Test
  void bytesStartWithFormatVersion() {
    assertThat(RuleStates.encode(state(LifecycleState.INITIAL, NONE))[0])
        .isEqualTo((byte) RuleStates.FORMAT_VERSION);
  }

  @Test
  void readsFormatVersion1ThresholdBytes() {
    // Format 1: version, tag 1, presence (lastTs, breachSince), two instants, breach points 3.
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    out.write(1);
    out.write(1);
    out.write(3);
    Varints.writeInstant(out, T0_PLUS_2M);
    Varints.writeInstant(out, T0);
    Varints.write(out, 3);

    assertThat(RuleStates.decode(out.toByteArray()))
        .isEqualTo(state(lifecycle(T0_PLUS_2M, T0, null, 3, null), NONE));
  }

  @Test
  void refusesUnknownFormatVersionSayingWhichItReads() {
    byte[] bytes = RuleStates.encode(state(LifecycleState.INITIAL, NONE));
    bytes[0] = 9;

    assertThatThrownBy(() -> RuleStates.decode(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format version 9")
        .hasMessageContaining("reads versions 1 to 2");
  }

  @Test
  void refusesUnknownTypeTag() {
    byte[] bytes = RuleStates.encode(state(LifecycleState.INITIAL, NONE));
    bytes[bytes.length - 1] = 77;

    assertThatThrownBy(() -> RuleStates.decode(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown type tag 77");
  }

  @Test
  void refusesTruncatedBytes() {
    byte[] bytes = RuleStates.encode(state(lifecycle(T0_PLUS_2M, T0, null, 3, null), NONE));
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 3);

    assertThatThrownBy(() -> RuleStates.decode(cut))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void refusesTrailingBytes() {
    byte[] bytes = RuleStates.encode(state(LifecycleState.INITIAL, NONE));
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);

    assertThatThrownBy(() -> RuleStates.decode(longer))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trailing");
  }

  @Test
  void refusesEmptyAndMissingBytes() {
    assertThatThrownBy(() -> RuleStates.decode(new byte[0]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no bytes");
    assertThatThrownBy(() -> RuleStates.decode(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no bytes");
  }

  @Test
  void refusesToEncodeNull() {
    assertThatThrownBy(() -> RuleStates.encode(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("null");
  }

  static RuleState state(LifecycleState lifecycle, ConditionState condition) {
    return new RuleState(lifecycle, condition);
  }

  static LifecycleState lifecycle(
      Instant lastTs, Instant runSince, Instant advancedTo, int runPoints, Instant openSince) {
    return new LifecycleState(
        lastTs, advancedTo, runSince, runPoints, openSince, null, null, null, null, List.of());
  }
}
