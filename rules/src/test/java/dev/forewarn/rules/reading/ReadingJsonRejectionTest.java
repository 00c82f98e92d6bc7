package dev.forewarn.rules.reading;

import static dev.forewarn.rules.ReadingPayloads.bytes;
import static dev.forewarn.rules.ReadingPayloads.contractExample;
import static dev.forewarn.rules.ReadingPayloads.metrics;
import static dev.forewarn.rules.TestData.DEVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Every refused payload names its field and says why, as a dead letter will show it. */
class ReadingJsonRejectionTest {

  static Stream<Arguments> invalidFields() {
    return Stream.of(
        refused(p -> p.remove("ts"), "ts: missing"),
        refused(
            p -> p.put("ts", "yesterday"),
            "ts: not an ISO-8601 instant with a zone (\"yesterday\")"),
        refused(
            p -> p.put("ts", "2026-11-22T10:00:00"),
            "ts: not an ISO-8601 instant with a zone (\"2026-11-22T10:00:00\")"),
        refused(p -> p.put("ts", 1700000000), "ts: not an ISO-8601 instant string (1700000000)"),
        refused(
            p -> p.put("ts", "+300000000-01-01T00:00:00Z"),
            "ts: outside the times history can hold (1677-09-22T00:00:00Z to"
                + " 2262-04-10T23:59:59.999Z): +300000000-01-01T00:00:00Z"),
        refused(
            p -> p.put("ts", "-100000-01-01T00:00:00Z"),
            "ts: outside the times history can hold (1677-09-22T00:00:00Z to"
                + " 2262-04-10T23:59:59.999Z): -100000-01-01T00:00:00Z"),
        refused(
            p -> p.put("ts", "1970-01-01T00:00:00\u0000"),
            "ts: not an ISO-8601 instant with a zone (\"1970-01-01T00:00:00\\u0000\")"),
        refused(
            p -> metrics(p).put("temp\u0000c", 1.0),
            "metrics: a metric name holds a control character (\"temp\\u0000c\")"),
        refused(
            p -> p.put("model", "AC-200\ntelemetry,device_id=other"),
            "model: holds a control character (\"AC-200\\u000Atelemetry,device_id=other\")"),
        refused(
            p -> p.putObject("tags").put("site", "north\u0000"),
            "tags.site: holds a control character (\"north\\u0000\")"),
        refused(p -> p.put("seq", -1), "seq: must not be negative (-1)"),
        refused(p -> p.put("seq", 1.5), "seq: not an integer (1.5)"),
        refused(p -> p.put("seq", "5"), "seq: not an integer (\"5\")"),
        refused(
            p -> p.put("seq", new BigInteger("100000000000000000000")),
            "seq: out of range (100000000000000000000)"),
        refused(p -> p.remove("metrics"), "metrics: missing"),
        refused(p -> p.putObject("metrics"), "metrics: empty; at least one metric is required"),
        refused(p -> p.putArray("metrics").add(1), "metrics: not an object (an array)"),
        refused(
            p -> metrics(p).put("compressor_temp_c", "NaN"),
            "metrics.compressor_temp_c: not a finite number (\"NaN\")"),
        refused(
            p -> metrics(p).put("compressor_temp_c", true),
            "metrics.compressor_temp_c: not a finite number (true)"),
        refused(
            p -> metrics(p).putNull("compressor_temp_c"),
            "metrics.compressor_temp_c: not a finite number (null)"),
        refused(
            p -> metrics(p).putObject("compressor_temp_c"),
            "metrics.compressor_temp_c: not a finite number (an object)"),
        refused(p -> metrics(p).put("", 1.0), "metrics: a metric has a blank name"),
        refused(p -> p.put("model", 42), "model: not a string (42)"),
        refused(p -> p.put("deviceId", 7), "deviceId: not a device id (7)"),
        refused(
            p -> p.put("deviceId", "ac-9999"),
            "deviceId: payload says \"ac-9999\" but topic says \"ac-0001\""));
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("invalidFields")
  void refusesInvalidField(Consumer<ObjectNode> change, String message) {
    ObjectNode payload = contractExample();
    change.accept(payload);

    assertThat(rejection(bytes(payload)).getMessage()).isEqualTo(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "empty                | ''                                                  | $        | empty payload",
        "not JSON             | hello                                               | $        | not valid JSON",
        "an array             | [1]                                                 | $        | not a JSON object",
        "a number             | 42                                                  | $        | not a JSON object",
        "NaN token            | {\"metrics\":{\"t\":NaN}}                           | metrics.t | not a finite number (NaN)",
        "Infinity token       | {\"metrics\":{\"t\":Infinity}}                      | metrics.t | not a finite number (Infinity)",
        "-Infinity token      | {\"metrics\":{\"t\":-Infinity}}                     | metrics.t | not a finite number (-Infinity)",
        "overflowing number   | {\"metrics\":{\"t\":1e400}}                         | metrics.t | not a finite number (1e400)",
        "duplicate metric     | {\"metrics\":{\"t\":1,\"t\":2}}                     | metrics.t | appears twice",
        "duplicate ts         | {\"ts\":\"2026-11-22T10:00:00Z\",\"ts\":\"x\"}      | ts       | appears twice",
        "trailing garbage     | {\"metrics\":{\"t\":1}} x                           | $        | not valid JSON",
        "two objects          | {\"metrics\":{\"t\":1}} {}                          | $        | unexpected content after the reading",
        "cut short            | {\"metrics\":{\"t\":1}                              | metrics  | Unexpected end-of-input",
        "missing comma        | {\"seq\":1 \"metrics\":{}}                          | seq      | was expecting comma",
      })
  void refusesBrokenText(String description, String text, String field, String reason) {
    ReadingRejectedException e = rejection(bytes(text));

    assertThat(e.field()).as(description).isEqualTo(field);
    assertThat(e.reason()).contains(reason).doesNotContain("Source: REDACTED");
    assertThat(e.getMessage()).isEqualTo(field + ": " + e.reason());
  }

  @Test
  void refusesATopicDeviceIdWithAControlCharacter() {
    assertThat(rejection("ac\t1", bytes(contractExample())).getMessage())
        .isEqualTo("deviceId: the topic's device id holds a control character (\"ac\\u00091\")");
  }

  @Test
  void refusesPayloadWithoutDeviceIdWhenNoTopicNamesTheDevice() {
    assertThat(rejection(null, bytes(contractExample())).getMessage())
        .isEqualTo("deviceId: missing, and no topic names the device");
  }

  @Test
  void refusesMissingPayload() {
    assertThat(rejection(null).field()).isEqualTo("$");
  }

  @Test
  void shortensLongStringsInReasons() {
    ObjectNode payload = contractExample();
    metrics(payload).put("compressor_temp_c", "x".repeat(500));

    assertThat(rejection(bytes(payload)).reason()).hasSizeLessThan(80).contains("...");
  }

  private static ReadingRejectedException rejection(byte[] payload) {
    return rejection(DEVICE, payload);
  }

  private static ReadingRejectedException rejection(String topicDeviceId, byte[] payload) {
    ReadingRejectedException e =
        catchThrowableOfType(
            ReadingRejectedException.class, () -> ReadingJson.parse(topicDeviceId, payload));
    assertThat(e).as("rejected").isNotNull();
    return e;
  }

  private static Arguments refused(Consumer<ObjectNode> change, String message) {
    return arguments(change, message);
  }
}
