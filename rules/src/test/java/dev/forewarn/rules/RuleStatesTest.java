package dev.forewarn.rules;

import static dev.forewarn.rules.TestData.T0;
import static dev.forewarn.rules.TestData.T0_PLUS_10M;
import static dev.forewarn.rules.TestData.T0_PLUS_2M;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RuleStatesTest {

  static Stream<ThresholdState> thresholdStates() {
    return Stream.of(
        ThresholdState.INITIAL,
        new ThresholdState(T0, null, 0, null),
        new ThresholdState(T0_PLUS_2M, T0, 3, null),
        new ThresholdState(T0_PLUS_10M, null, 0, T0),
        new ThresholdState(T0_PLUS_10M, T0_PLUS_2M, 7, T0),
        new ThresholdState(T0.plusNanos(123_456_789), T0.plusNanos(1), 1, null),
        new ThresholdState(Instant.parse("1969-12-31T23:59:59.5Z"), null, 0, null),
        new ThresholdState(Instant.MAX, Instant.MIN, Integer.MAX_VALUE, Instant.EPOCH),
        new ThresholdState(null, T0, 2, T0));
  }

  @ParameterizedTest
  @MethodSource("thresholdStates")
  void thresholdStateRoundTripsThroughBytes(ThresholdState state) {
    assertThat(RuleStates.decode(RuleStates.encode(state))).isEqualTo(state);
  }

  @Test
  void thresholdStateWithARunningBreachAndOpenCaseIsSmall() {
    ThresholdState state = new ThresholdState(T0_PLUS_10M.plusMillis(250), T0_PLUS_2M, 42, T0);

    assertThat(RuleStates.encode(state)).hasSizeLessThan(32);
  }

  @Test
  void initialStateTakesFourBytes() {
    assertThat(RuleStates.encode(ThresholdState.INITIAL)).hasSize(4);
  }

  @Test
  void bytesStartWithFormatVersionThenTypeTag() {
    byte[] bytes = RuleStates.encode(ThresholdState.INITIAL);

    assertThat(bytes[0]).isEqualTo((byte) RuleStates.FORMAT_VERSION);
    assertThat(bytes[1]).isEqualTo((byte) 1);
  }

  @Test
  void refusesUnknownFormatVersionSayingWhichItReads() {
    byte[] bytes = RuleStates.encode(ThresholdState.INITIAL);
    bytes[0] = 9;

    assertThatThrownBy(() -> RuleStates.decode(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("format version 9")
        .hasMessageContaining("reads version 1");
  }

  @Test
  void refusesUnknownTypeTag() {
    byte[] bytes = RuleStates.encode(ThresholdState.INITIAL);
    bytes[1] = 77;

    assertThatThrownBy(() -> RuleStates.decode(bytes))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown type tag 77");
  }

  @Test
  void refusesTruncatedBytes() {
    byte[] bytes = RuleStates.encode(new ThresholdState(T0_PLUS_2M, T0, 3, null));
    byte[] cut = Arrays.copyOf(bytes, bytes.length - 2);

    assertThatThrownBy(() -> RuleStates.decode(cut))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void refusesTrailingBytes() {
    byte[] bytes = RuleStates.encode(ThresholdState.INITIAL);
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
}
