package dev.forewarn.ingest.parse;

import static dev.forewarn.ingest.testing.Fixtures.RECEIVED_AT;
import static dev.forewarn.ingest.testing.Fixtures.T0;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_1M;
import static dev.forewarn.ingest.testing.Fixtures.message;
import static dev.forewarn.ingest.testing.Fixtures.reading;
import static dev.forewarn.ingest.testing.Fixtures.telemetry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.ingest.mqtt.ReadableTopics;
import dev.forewarn.rules.reading.Reading;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
  void refusesATopicWithCharactersTheMqttClientCouldNotRead() throws Exception {
    String topic = ReadableTopics.asRead("devices/dev-\uD83D\uDD25/telemetry");
    push(
        message(
            topic,
            "{\"ts\": \"2026-11-22T10:00:00Z\", \"seq\": 1, \"metrics\": {\"t\": 1}}".getBytes()));

    assertThat(topic).isEqualTo("devices/dev-#/telemetry");
    assertThat(reasons())
        .containsExactly(
            "topic: \"devices/dev-#/telemetry\" holds characters the job's MQTT client cannot read"
                + " (each shown as #)");
    assertThat(harness.extractOutputValues()).isEmpty();
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
  void refusesAReadingStampedFarAheadOfItsArrivalAndKeepsTheDevicesOthers() throws Exception {
    Reading good = reading("dev-1", T0, 71.5);
    String farAhead = "{\"ts\": \"+99999-01-01T00:00:00Z\", \"seq\": 2, \"metrics\": {\"t\": 1}}";
    String anHourAhead = "{\"ts\": \"2026-11-22T12:00:01Z\", \"seq\": 3, \"metrics\": {\"t\": 1}}";
    push(telemetry(good), telemetry("dev-1", farAhead), telemetry("dev-1", anHourAhead));

    assertThat(harness.extractOutputValues()).containsExactly(good);
    assertThat(deadLetters())
        .containsExactly(
            new DeadLetter(
                Instant.ofEpochMilli(RECEIVED_AT),
                "devices/dev-1/telemetry",
                "ts: +99999-01-01T00:00:00Z is 97,972 years ahead of arrival at"
                    + " 2026-11-22T11:00:00Z (limit 5 min)",
                farAhead,
                "dev-1",
                "ahead"),
            new DeadLetter(
                Instant.ofEpochMilli(RECEIVED_AT),
                "devices/dev-1/telemetry",
                "ts: 2026-11-22T12:00:01Z is 1 h ahead of arrival at 2026-11-22T11:00:00Z"
                    + " (limit 5 min)",
                anHourAhead,
                "dev-1",
                "ahead"));
    assertThat(clockRefused()).isEqualTo(2);
  }

  @Test
  void refusesAReadingFromBeforeTheEarliestTimeAReadingMayHave() throws Exception {
    String reset = "{\"ts\": \"1970-01-01T00:00:42Z\", \"seq\": 1, \"metrics\": {\"t\": 1}}";
    String ancient = "{\"ts\": \"1492-10-12T00:00:00Z\", \"metrics\": {\"t\": 1}}";
    push(telemetry("dev-1", reset), telemetry("dev-1", ancient));

    assertThat(harness.extractOutputValues()).isEmpty();
    assertThat(deadLetters())
        .extracting(DeadLetter::reason, DeadLetter::clock, DeadLetter::payload)
        .containsExactly(
            tuple(
                "ts: 1970-01-01T00:00:42Z is before 2000-01-01T00:00:00Z, the earliest time a"
                    + " reading may have",
                "before_earliest",
                reset),
            tuple(
                "ts: 1492-10-12T00:00:00Z is before 2000-01-01T00:00:00Z, the earliest time a"
                    + " reading may have",
                "before_earliest",
                ancient));
  }

  @Test
  void takesTheLimitsItIsGiven() throws Exception {
    harness.close();
    harness =
        ProcessFunctionTestHarnesses.forProcessFunction(
            new ParseReadings(
                new ClockPolicy(Duration.ofDays(2), Instant.parse("1970-01-01T00:00:00Z"))));
    Reading reset =
        new Reading(
            "dev-1", Instant.parse("1970-01-01T00:00:42Z"), Reading.NO_SEQ, "", Map.of("t", 1.0));
    Reading tomorrow = reading("dev-1", T0.plus(Duration.ofDays(1)), 1.0);
    String threeDays = "{\"ts\": \"2026-11-25T11:00:01Z\", \"metrics\": {\"t\": 1}}";
    push(telemetry(reset), telemetry(tomorrow), telemetry("dev-1", threeDays));

    assertThat(harness.extractOutputValues()).containsExactly(reset, tomorrow);
    assertThat(reasons())
        .containsExactly(
            "ts: 2026-11-25T11:00:01Z is 3 days ahead of arrival at 2026-11-22T11:00:00Z"
                + " (limit 2 days)");
  }

  @Test
  void refusesSenmlRecordsAndReadingsAtTimesTheClockCannotHaveGiven() throws Exception {
    String pack =
        "[{\"bn\":\"dev-1:\",\"n\":\"temp\",\"t\":1.7e9,\"v\":21.5},"
            + "{\"n\":\"temp\",\"t\":1.8e9,\"v\":22.0},"
            + "{\"n\":\"temp\",\"t\":1.0e13,\"v\":23.0},"
            + "{\"n\":\"temp\",\"t\":3.0e8,\"v\":24.0}]";
    push(message("devices/dev-1/senml", pack.getBytes(StandardCharsets.UTF_8)));

    assertThat(harness.extractOutputValues())
        .extracting(Reading::ts)
        .containsExactly(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(deadLetters())
        .extracting(DeadLetter::reason, DeadLetter::clock, DeadLetter::deviceId)
        .containsExactly(
            tuple(
                "records[2].t: +318857-05-20T17:46:40Z is 316,830 years ahead of arrival at"
                    + " 2026-11-22T11:00:00Z (limit 5 min)",
                "ahead",
                "dev-1"),
            tuple(
                "ts: 1979-07-05T05:20:00Z is before 2000-01-01T00:00:00Z, the earliest time a"
                    + " reading may have",
                "before_earliest",
                "dev-1"),
            tuple(
                "ts: 2027-01-15T08:00:00Z is 53 days ahead of arrival at 2026-11-22T11:00:00Z"
                    + " (limit 5 min)",
                "ahead",
                "dev-1"));
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

  private long clockRefused() {
    return deadLetters().stream().filter(DeadLetter::isClockRefusal).count();
  }

  private List<String> reasons() {
    return deadLetters().stream().map(DeadLetter::reason).collect(Collectors.toList());
  }
}
