package dev.forewarn.ingest.parse;

import static dev.forewarn.ingest.testing.Fixtures.RECEIVED_AT;
import static dev.forewarn.ingest.testing.Fixtures.T0;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_1M;
import static dev.forewarn.ingest.testing.Fixtures.message;
import static dev.forewarn.ingest.testing.Fixtures.reading;
import static dev.forewarn.ingest.testing.Fixtures.telemetry;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.rules.reading.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParseReadingsTest {

  private OneInputStreamOperatorTestHarness<MqttRecord, Reading> harness;

  @BeforeEach
  void open() throws Exception {
    harness = ProcessFunctionTestHarnesses.forProcessFunction(new ParseReadings());
  }

  @AfterEach
  void close() throws Exception {
    harness.close();
  }

  @Test
  void refusesBadMessagesWithTheFieldAtFaultAndLetsTheGoodOnesThrough() throws Exception {
    Reading first = reading("dev-1", T0, 71.5);
    Reading last = reading("dev-2", T0_PLUS_1M, 64.0);
    push(
        telemetry(first),
        telemetry("dev-1", "{\"ts\": \"2026-11-22T10:00:00Z\", \"seq\": 1, \"metrics\": {"),
        telemetry(
            "dev-1",
            "{\"deviceId\": \"dev-9\", \"ts\": \"2026-11-22T10:00:00Z\", \"seq\": 2,"
                + " \"metrics\": {\"compressor_temp_c\": 70}}"),
        telemetry(
            "dev-1",
            "{\"ts\": \"2026-11-22T10:00:00Z\", \"seq\": 3, \"metrics\": {\"compressor_temp_c\":"
                + " NaN}}"),
        telemetry(
            "dev-1",
            "{\"ts\": \"2026-11-22T10:00:00Z\", \"seq\": 4, \"metrics\": {\"compressor_temp_c\":"
                + " \"hot\"}}"),
        telemetry(last));

    assertThat(harness.extractOutputValues()).containsExactly(first, last);
    assertThat(reasons())
        .satisfiesExactly(
            malformed -> assertThat(malformed).startsWith("metrics"),
            otherDevice -> assertThat(otherDevice).startsWith("deviceId:").contains("dev-9"),
            nan -> assertThat(nan).startsWith("metrics.compressor_temp_c:").contains("NaN"),
            text -> assertThat(text).startsWith("metrics.compressor_temp_c:").contains("hot"));
  }

  @Test
  void keepsTheTopicTheArrivalTimeAndTheRawPayloadOfADeadLetter() throws Exception {
    push(message("devices/dev-1/status", "{\"state\":\"online\"}".getBytes()));

    assertThat(deadLetters())
        .singleElement()
        .isEqualTo(
            new DeadLetter(
                Instant.ofEpochMilli(RECEIVED_AT),
                "devices/dev-1/status",
                "topic: \"devices/dev-1/status\" is not devices/{deviceId}/telemetry or"
                    + " devices/{deviceId}/senml",
                "{\"state\":\"online\"}"));
  }

  @Test
  void aSenmlPackGivesOneReadingPerTimeAndADeadLetterPerRefusedRecord() throws Exception {
    String pack =
        "[{\"bn\":\"dev-1:\",\"bt\":1.7e9,\"n\":\"temp\",\"u\":\"Cel\",\"v\":21.5},"
            + "{\"n\":\"rpm\",\"v\":900},"
            + "{\"n\":\"label\",\"vs\":\"hall\"},"
            + "{\"n\":\"temp\",\"t\":-60,\"u\":\"Cel\",\"v\":21.0}]";
    push(message("devices/dev-1/senml", pack.getBytes(StandardCharsets.UTF_8)));

    Instant t = Instant.ofEpochSecond(1_700_000_000L);
    assertThat(harness.extractOutputValues())
        .containsExactly(
            new Reading(
                "dev-1",
                t.minusSeconds(60),
                Reading.NO_SEQ,
                "",
                Map.of("temp", 21.0),
                Map.of(),
                Reading.SENML,
                Map.of("temp", "Cel")),
            new Reading(
                "dev-1",
                t,
                Reading.NO_SEQ,
                "",
                Map.of("temp", 21.5, "rpm", 900.0),
                Map.of(),
                Reading.SENML,
                Map.of("temp", "Cel")));
    assertThat(deadLetters())
        .singleElement()
        .isEqualTo(
            new DeadLetter(
                Instant.ofEpochMilli(RECEIVED_AT),
                "devices/dev-1/senml",
                "records[2].vs: a string value; only numbers are kept",
                "{\"n\":\"label\",\"vs\":\"hall\"}"));
  }

  @Test
  void turnsBinaryGarbageIntoStorableText() throws Exception {
    push(message("devices/dev-1/telemetry", new byte[] {0x00, (byte) 0xFF, 'x'}));

    assertThat(deadLetters())
        .singleElement()
        .satisfies(
            letter -> {
              assertThat(letter.payload()).isEqualTo("\uFFFD\uFFFDx").doesNotContain("\u0000");
              assertThat(letter.reason()).isNotBlank();
            });
    assertThat(harness.extractOutputValues()).isEmpty();
  }

  private void push(MqttRecord... messages) throws Exception {
    for (MqttRecord message : messages) {
      harness.processElement(message, message.receivedAtMillis());
    }
  }

  private List<DeadLetter> deadLetters() {
    return harness.getSideOutput(ParseReadings.DEAD_LETTERS).stream()
        .map(StreamRecord::getValue)
        .collect(Collectors.toList());
  }

  private List<String> reasons() {
    return deadLetters().stream().map(DeadLetter::reason).collect(Collectors.toList());
  }
}
