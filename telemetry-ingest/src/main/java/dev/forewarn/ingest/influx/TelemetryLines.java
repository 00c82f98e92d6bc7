package dev.forewarn.ingest.influx;

import dev.forewarn.history.TelemetryMeasurement;
import dev.forewarn.rules.reading.Reading;
import java.util.Map;

/**
 * The InfluxDB form of a reading, as docs/contracts.md defines it, written straight into the body
 * of a write request in InfluxDB's line protocol: measurement {@code telemetry}, tags {@code
 * device_id}, {@code format} (for a reading that did not arrive as Forewarn JSON) and (when known)
 * {@code model}, one float field per metric, the integer field {@code seq} (when the reading has
 * one) and a string field {@code unit:<metric>} per metric whose unit the device gave, at the
 * reading's own time in milliseconds.
 *
 * <p>influxdb-java's {@code Point} gives the same lines, but formats every number with a {@code
 * DecimalFormat} and escapes every name with a regular expression: in the ingest benchmark that was
 * three quarters of the history sink's CPU. {@link Double#toString} gives the shortest decimal form
 * that reads back as the same double, which InfluxDB parses (exponent included).
 */
final class TelemetryLines {

  static final String MEASUREMENT = TelemetryMeasurement.NAME;
  private static final String SEQ = TelemetryMeasurement.SEQ_FIELD;
  private static final char REPLACEMENT = '\uFFFD';

  private TelemetryLines() {}

  /**
   * Appends one line for the reading, ending in a newline. A metric named {@code seq} is left out:
   * the sequence number keeps that field, and its integer type.
   */
  static void append(StringBuilder body, Reading reading) {
    body.append(MEASUREMENT).append(",device_id=");
    escape(body, reading.deviceId());
    if (!Reading.JSON.equals(reading.format())) {
      body.append(',').append(TelemetryMeasurement.FORMAT_TAG).append('=');
      escape(body, reading.format());
    }
    if (!reading.model().isEmpty()) {
      body.append(",model=");
      escape(body, reading.model());
    }
    char separator = ' ';
    for (Map.Entry<String, Double> metric : reading.metrics().entrySet()) {
      if (metric.getKey().equals(SEQ)) {
        continue;
      }
      body.append(separator);
      escape(body, metric.getKey());
      body.append('=').append(metric.getValue().doubleValue());
      separator = ',';
    }
    if (reading.hasSeq() || separator == ' ') {
      // Without any other field the line still needs one: seq then stands for the missing number.
      body.append(separator).append(SEQ).append('=').append(reading.seq()).append('i');
    }
    for (Map.Entry<String, String> unit : reading.units().entrySet()) {
      String field = TelemetryMeasurement.UNIT_FIELD_PREFIX + unit.getKey();
      if (reading.metrics().containsKey(unit.getKey()) && !reading.metrics().containsKey(field)) {
        body.append(',');
        escape(body, field);
        body.append('=');
        string(body, unit.getValue());
      }
    }
    body.append(' ').append(reading.ts().toEpochMilli()).append('\n');
  }

  /**
   * Tag keys and values and field keys, written so that every line parses as one point whatever the
   * name holds: a comma, an equals sign or a space is escaped; a line break or another control
   * character (which the line protocol cannot carry in a name, and which would start a forged line)
   * becomes U+FFFD; so does a backslash at the end of the name or before a character that is
   * escaped, which the line protocol would read as escaping the character after it (it has no
   * escape for a backslash itself).
   */
  static void escape(StringBuilder body, String name) {
    int length = name.length();
    for (int i = 0; i < length; i++) {
      char c = name.charAt(i);
      if (c == ',' || c == '=' || c == ' ') {
        body.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7F) {
        body.append(REPLACEMENT);
      } else if (c == '\\' && (i + 1 == length || special(name.charAt(i + 1)))) {
        body.append(REPLACEMENT);
      } else {
        body.append(c);
      }
    }
  }

  /**
   * A string field value: double-quoted, a double quote or backslash escaped, a control character
   * written as U+FFFD.
   */
  static void string(StringBuilder body, String value) {
    body.append('"');
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        body.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7F) {
        body.append(REPLACEMENT);
      } else {
        body.append(c);
      }
    }
    body.append('"');
  }

  /** The device id of a line this class wrote, unescaped; empty when the line has none. */
  static String deviceId(String line) {
    String start = MEASUREMENT + ",device_id=";
    if (!line.startsWith(start)) {
      return "";
    }
    StringBuilder id = new StringBuilder();
    for (int i = start.length(); i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && i + 1 < line.length() && special(line.charAt(i + 1))) {
        id.append(line.charAt(++i));
      } else if (c == ',' || c == ' ') {
        break;
      } else {
        id.append(c);
      }
    }
    return id.toString();
  }

  private static boolean special(char c) {
    return c == ',' || c == '=' || c == ' ';
  }
}
