package dev.forewarn.rules.reading;

import static dev.forewarn.rules.ReadingPayloads.bytes;
import static dev.forewarn.rules.ReadingPayloads.contractExample;
import static dev.forewarn.rules.ReadingPayloads.metrics;
import static dev.forewarn.rules.TestData.DEVICE;
import static dev.forewarn.rules.TestData.METRIC;
import static dev.forewarn.rules.TestData.MODEL;
import static dev.forewarn.rules.TestData.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadingJsonTest {

  private static final Reading CONTRACT_READING =
      new Reading(DEVICE, T0, 1042, MODEL, Map.of(METRIC, 71.3));

  @Test
  void writesTheContractShape() {
    assertThat(new String(ReadingJson.write(CONTRACT_READING), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"ts\":\"2026-11-22T10:00:00Z\",\"seq\":1042,\"model\":\"AC-200\","
                + "\"metrics\":{\"compressor_temp_c\":71.3}}");
  }

  @Test
  void parsesTheContractExample() {
    assertThat(ReadingJson.parse(DEVICE, bytes(contractExample()))).isEqualTo(CONTRACT_READING);
  }

  @Test
  void roundTripsSeveralMetricsSubSecondTimeAndNoModel() {
    Reading reading =
        new Reading(
            DEVICE,
            T0.plusNanos(123_456_789),
            0,
            "",
            Map.of("a", -1.5, "b", 0.0, "c", 1e-9, "d", 12345678901.0, "e", 3.0));

    assertThat(ReadingJson.parse(DEVICE, ReadingJson.write(reading))).isEqualTo(reading);
  }

  @Test
  void writesMetricsSortedAndLeavesOutAnEmptyModel() {
    Reading reading = new Reading(DEVICE, T0, 1, "", Map.of("z", 1.0, "a", 2.0, "m", 3.0));

    assertThat(new String(ReadingJson.write(reading), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"ts\":\"2026-11-22T10:00:00Z\",\"seq\":1,\"metrics\":{\"a\":2.0,\"m\":3.0,\"z\":1.0}}");
  }

  @Test
  void refusesToWriteWhatItWouldRefuseToRead() {
    assertThatThrownBy(
            () -> ReadingJson.write(new Reading(DEVICE, T0, 1, "", Map.of(METRIC, Double.NaN))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("metrics.compressor_temp_c: not a finite number (NaN)");
    assertThatThrownBy(() -> new Reading(DEVICE, T0, -2, "", Map.of(METRIC, 1.0)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("seq: must not be negative (-2)");
  }

  @Test
  void aReadingWithoutSeqRoundTripsWithoutOne() {
    Reading reading = new Reading(DEVICE, T0, Reading.NO_SEQ, "", Map.of(METRIC, 1.0));

    byte[] payload = ReadingJson.write(reading);

    assertThat(new String(payload, StandardCharsets.UTF_8)).doesNotContain("seq");
    Reading back = ReadingJson.parse(DEVICE, payload);
    assertThat(back).isEqualTo(reading);
    assertThat(back.hasSeq()).isFalse();
  }

  @Test
  void ignoresUnknownTopLevelFieldsHoweverNested() {
    ObjectNode payload = contractExample();
    payload.put("firmware", "2.1.0");
    payload.putObject("extra").putArray("list").add(1).addObject().put("ts", "bogus");

    assertThat(ReadingJson.parse(DEVICE, bytes(payload))).isEqualTo(CONTRACT_READING);
  }

  @Test
  void acceptsDeviceIdThatMatchesTheTopic() {
    assertThat(ReadingJson.parse(DEVICE, bytes(contractExample().put("deviceId", DEVICE))))
        .isEqualTo(CONTRACT_READING);
  }

  @Test
  void takesDeviceIdFromThePayloadWhenNoTopicNamesIt() {
    assertThat(ReadingJson.parse(null, bytes(contractExample().put("deviceId", DEVICE))))
        .isEqualTo(CONTRACT_READING);
  }

  @Test
  void acceptsTimestampsWithAnOffsetAsTheSameInstant() {
    ObjectNode payload = contractExample().put("ts", "2026-11-22T12:00:00+02:00");

    assertThat(ReadingJson.parse(DEVICE, bytes(payload)).ts()).isEqualTo(T0);
  }

  @Test
  void acceptsIntegerMetricsAndMissingOrNullModel() {
    ObjectNode payload = contractExample();
    payload.remove("model");
    metrics(payload).put(METRIC, 71);
    assertThat(ReadingJson.parse(DEVICE, bytes(payload)).metrics()).containsEntry(METRIC, 71.0);

    payload.putNull("model");
    assertThat(ReadingJson.parse(DEVICE, bytes(payload)).model()).isEmpty();
  }

  @Test
  void acceptsWhitespaceAroundAndInside() {
    String text =
        "\n  { \"ts\" : \"2026-11-22T10:00:00Z\" ,\n \"seq\" : 1042 , \"model\" : \"AC-200\" ,"
            + " \"metrics\" : { \"compressor_temp_c\" : 71.3 } }\n";

    assertThat(ReadingJson.parse(DEVICE, bytes(text))).isEqualTo(CONTRACT_READING);
  }

  @Test
  void rejectionMessageIsFieldThenReason() {
    ReadingRejectedException e = new ReadingRejectedException("seq", "missing");

    assertThat(e.getMessage()).isEqualTo("seq: missing");
    assertThat(e.field()).isEqualTo("seq");
    assertThat(e.reason()).isEqualTo("missing");
  }
}
