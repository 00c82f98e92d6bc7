package dev.forewarn.rules.reading;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.forewarn.rules.document.JsonPaths;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads one telemetry payload token by token for {@link ReadingJson#parse}. Each field is checked
 * as it streams past, so the first problem is reported with its path and nothing is half-accepted.
 */
final class ReadingParser {

  private static final int MAX_SHOWN = 40;

  private final JsonParser parser;
  private final String topicDeviceId;
  private Instant ts;
  private long seq = Reading.NO_SEQ;
  private String model = "";
  private String payloadDeviceId;
  private Map<String, Double> metrics;
  private Map<String, String> tags;
  private boolean modelSeen;

  ReadingParser(JsonParser parser, String topicDeviceId) {
    this.parser = parser;
    this.topicDeviceId = topicDeviceId;
  }

  Reading read() throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw reject(JsonPaths.ROOT, "not a JSON object");
    }
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      switch (name) {
        case "ts" -> ts = readTs(once(ts == null, name), value);
        case "seq" -> seq = readSeq(once(seq == Reading.NO_SEQ, name), value);
        case "model" -> model = readModel(once(!modelSeen, name), value);
        case "deviceId" ->
            payloadDeviceId = readDeviceId(once(payloadDeviceId == null, name), value);
        case "metrics" -> metrics = readMetrics(once(metrics == null, name), value);
        case "tags" -> tags = readTags(once(tags == null, name), value);
        default -> parser.skipChildren();
      }
    }
    if (parser.nextToken() != null) {
      throw reject(JsonPaths.ROOT, "unexpected content after the reading");
    }
    return new Reading(
        deviceId(), required(ts, "ts"), seq, model, required(metrics, "metrics"), tags);
  }

  /** Turns a Jackson syntax error into a rejection at the field where it happened. */
  static ReadingRejectedException rejection(JsonProcessingException e) {
    String field = JsonPaths.of(e);
    String reason =
        JsonPaths.nonNumericToken(e)
            .map(token -> "not a finite number (" + token + ")")
            .orElseGet(() -> JsonPaths.syntaxError(e));
    return new ReadingRejectedException(field, reason);
  }

  private String once(boolean first, String name) {
    if (!first) {
      throw reject(name, "appears twice");
    }
    return name;
  }

  private Instant readTs(String field, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_STRING) {
      throw reject(field, "not an ISO-8601 instant string (" + describe(value) + ")");
    }
    Instant ts;
    try {
      ts = Instant.parse(parser.getText());
    } catch (DateTimeParseException e) {
      throw reject(field, "not an ISO-8601 instant with a zone (" + describe(value) + ")");
    }
    if (!Reading.storable(ts)) {
      throw outsideHistory(field, ts);
    }
    return ts;
  }

  /** The refusal of an event time no store could hold. */
  static ReadingRejectedException outsideHistory(String field, Instant ts) {
    return new ReadingRejectedException(
        field,
        "outside the times history can hold ("
            + Reading.EARLIEST
            + " to "
            + Reading.LATEST
            + "): "
            + ts,
        ts);
  }

  private long readSeq(String field, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT) {
      throw reject(field, "not an integer (" + describe(value) + ")");
    }
    if (parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw reject(field, "out of range (" + describe(value) + ")");
    }
    long number = parser.getLongValue();
    if (number < 0) {
      throw reject(field, "must not be negative (" + number + ")");
    }
    return number;
  }

  private String readModel(String field, JsonToken value) throws IOException {
    modelSeen = true;
    if (value == JsonToken.VALUE_NULL) {
      return "";
    }
    if (value != JsonToken.VALUE_STRING) {
      throw reject(field, "not a string (" + describe(value) + ")");
    }
    if (hasControlCharacter(parser.getText())) {
      throw reject(field, "holds a control character (" + describe(value) + ")");
    }
    return parser.getText();
  }

  private String readDeviceId(String field, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_STRING
        || parser.getText().isBlank()
        || hasControlCharacter(parser.getText())) {
      throw reject(field, "not a device id (" + describe(value) + ")");
    }
    return parser.getText();
  }

  private Map<String, Double> readMetrics(String field, JsonToken value) throws IOException {
    if (value != JsonToken.START_OBJECT) {
      throw reject(field, "not an object (" + describe(value) + ")");
    }
    Map<String, Double> read = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String path = JsonPaths.child(field, name);
      if (name.isBlank()) {
        throw reject(field, "a metric has a blank name");
      }
      if (hasControlCharacter(name)) {
        throw reject(field, "a metric name holds a control character (" + quote(name) + ")");
      }
      if (read.put(name, readMetric(path, parser.nextToken())) != null) {
        throw reject(path, "appears twice");
      }
    }
    if (read.isEmpty()) {
      throw reject(field, "empty; at least one metric is required");
    }
    return read;
  }

  private Map<String, String> readTags(String field, JsonToken value) throws IOException {
    if (value == JsonToken.VALUE_NULL) {
      return Map.of();
    }
    if (value != JsonToken.START_OBJECT) {
      throw reject(field, "not an object (" + describe(value) + ")");
    }
    Map<String, String> read = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      String path = JsonPaths.child(field, name);
      if (name.isBlank()) {
        throw reject(field, "a tag has a blank name");
      }
      if (hasControlCharacter(name)) {
        throw reject(field, "a tag name holds a control character (" + quote(name) + ")");
      }
      JsonToken tag = parser.nextToken();
      if (tag != JsonToken.VALUE_STRING) {
        throw reject(path, "not a string (" + describe(tag) + ")");
      }
      if (hasControlCharacter(parser.getText())) {
        throw reject(path, "holds a control character (" + describe(tag) + ")");
      }
      if (read.put(name, parser.getText()) != null) {
        throw reject(path, "appears twice");
      }
    }
    return read;
  }

  private double readMetric(String path, JsonToken value) throws IOException {
    if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
      throw reject(path, "not a finite number (" + describe(value) + ")");
    }
    double number = parser.getDoubleValue();
    if (!Double.isFinite(number)) {
      throw reject(path, "not a finite number (" + describe(value) + ")");
    }
    return number;
  }

  private String deviceId() {
    if (topicDeviceId == null) {
      if (payloadDeviceId == null) {
        throw reject("deviceId", "missing, and no topic names the device");
      }
      return payloadDeviceId;
    }
    if (hasControlCharacter(topicDeviceId)) {
      throw reject(
          "deviceId",
          "the topic's device id holds a control character (" + quote(topicDeviceId) + ")");
    }
    if (payloadDeviceId != null && !payloadDeviceId.equals(topicDeviceId)) {
      throw reject(
          "deviceId",
          "payload says \"" + payloadDeviceId + "\" but topic says \"" + topicDeviceId + "\"");
    }
    return topicDeviceId;
  }

  private static <T> T required(T value, String field) {
    if (value == null) {
      throw reject(field, "missing");
    }
    return value;
  }

  /** The offending value as it appeared, strings quoted and shortened. */
  private String describe(JsonToken value) throws IOException {
    if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
      return value == JsonToken.START_OBJECT ? "an object" : "an array";
    }
    String text = parser.getText();
    if (value != JsonToken.VALUE_STRING) {
      return text;
    }
    return quote(text);
  }

  /**
   * A string as a reason shows it: quoted, shortened, and with every control character written as
   * {@code \\uXXXX}, so a reason is printable text whatever a device sent (a NUL character would
   * make it text that PostgreSQL refuses to store).
   */
  static String quote(String text) {
    String shown = text.length() > MAX_SHOWN ? text.substring(0, MAX_SHOWN) + "..." : text;
    StringBuilder quoted = new StringBuilder(shown.length() + 2).append('"');
    for (int i = 0; i < shown.length(); i++) {
      char c = shown.charAt(i);
      if (isControl(c)) {
        quoted.append(String.format("\\u%04X", (int) c));
      } else {
        quoted.append(c);
      }
    }
    return quoted.append('"').toString();
  }

  /** Whether a name or label holds a character that no store or log line should carry. */
  static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (isControl(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isControl(char c) {
    return c < 0x20 || c == 0x7F;
  }

  private static ReadingRejectedException reject(String field, String reason) {
    return new ReadingRejectedException(field, reason);
  }
}
