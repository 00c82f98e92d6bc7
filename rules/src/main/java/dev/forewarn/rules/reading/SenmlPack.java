package dev.forewarn.rules.reading;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.forewarn.rules.document.JsonPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * SenML packs (RFC 8428, JSON representation) on {@code devices/{deviceId}/senml} (see
 * docs/contracts.md): the simulator writes with it and the streaming job parses with it.
 *
 * <p>Each record is resolved as the RFC says: base name, base time, base unit, base value and base
 * sum apply to the record that carries them and to every later one until changed; the resolved time
 * is base time plus time, in seconds since 1970, and one below 2<sup>28</sup> is relative to the
 * time the pack was received. Records of one pack at the same resolved time form one reading,
 * records at different times separate readings. A record's metric is its resolved name without the
 * device prefix: the part after the base name, else the part after the topic's device id and one
 * separator; a record whose name is only the device (as in RFC 8428's multiple-measurements
 * example, whose records differ by unit alone) is named after its unit, else {@code value}. The
 * number is {@code v} plus {@code bv}, a boolean {@code vb} as 1 or 0, else the sum {@code s} plus
 * {@code bs}. Units are kept with the reading. A reading from SenML has no seq: its device and time
 * identify it.
 *
 * <p>A record that cannot be taken is refused with its reason, naming the field ({@code
 * records[2].v: not a finite number ("x")}); the rest of the pack is still taken. A record that
 * follows a refused base field is refused too, since its name, time, unit or value depend on it.
 */
public final class SenmlPack {

  /** Resolved times below this are relative to the time of receipt (RFC 8428, section 4.5.3). */
  static final BigDecimal RELATIVE_BELOW = BigDecimal.valueOf(1L << 28);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOPIC_SUFFIX = "/senml";
  private static final BigDecimal BILLION = BigDecimal.valueOf(1_000_000_000L);

  /**
   * What a pack gave: its readings, in event-time order, and the records refused.
   *
   * @param readings one per distinct resolved time
   * @param refused each refused record, or the whole pack when it is no SenML pack at all
   */
  public record Result(List<Reading> readings, List<Refusal> refused) {}

  /**
   * A refused record (or pack).
   *
   * @param reason why, naming the field, e.g. {@code records[1].t: not a number ("soon")}
   * @param record the record as JSON text, or the whole payload when the pack was refused
   * @param field the field at fault, e.g. {@code records[1].t}
   * @param time the refused time, when the record was refused for its time; otherwise null
   */
  public record Refusal(String reason, String record, String field, Instant time) {

    /** A refusal that is not about a time. */
    public Refusal(String reason, String record) {
      this(reason, record, "$", null);
    }

    /** The refused time, when the record was refused for its time. */
    public Optional<Instant> refusedTime() {
      return Optional.ofNullable(time);
    }
  }

  private SenmlPack() {}

  /** The device id of a SenML topic {@code devices/{deviceId}/senml}; empty for any other topic. */
  public static Optional<String> deviceIdFromTopic(String topic) {
    return ReadingJson.deviceIdFromTopic(topic, TOPIC_SUFFIX);
  }

  /** The SenML topic of a device, the inverse of {@link #deviceIdFromTopic}. */
  public static String topic(String deviceId) {
    return ReadingJson.topic(deviceId, TOPIC_SUFFIX);
  }

  /**
   * Resolves a pack received on the SenML topic of {@code deviceId}.
   *
   * @param receivedAt the time of receipt: what relative times count from
   */
  public static Result parse(String deviceId, byte[] payload, Instant receivedAt) {
    String text = payload == null ? "" : new String(payload, StandardCharsets.UTF_8);
    if (payload == null || payload.length == 0) {
      return refusedPack(JsonPaths.ROOT + ": empty payload", text);
    }
    if (ReadingParser.hasControlCharacter(deviceId)) {
      return refusedPack(
          "deviceId: the topic's device id holds a control character ("
              + ReadingParser.quote(deviceId)
              + ")",
          text);
    }
    JsonNode pack;
    try {
      pack = JSON.readTree(payload);
    } catch (JsonProcessingException e) {
      ReadingRejectedException rejection = ReadingParser.rejection(e);
      return refusedPack(rejection.getMessage(), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (pack == null || !pack.isArray()) {
      return refusedPack(JsonPaths.ROOT + ": not a SenML pack (a JSON array of records)", text);
    }
    if (pack.isEmpty()) {
      return refusedPack(JsonPaths.ROOT + ": an empty pack", text);
    }
    return new Resolver(deviceId, receivedAt).resolve((ArrayNode) pack);
  }

  /**
   * Writes a reading as one pack: the first record carries the base name {@code <deviceId>:} and
   * the base time (seconds, millisecond precision), each metric is a record with its name, value
   * and (when known) unit, sorted by name.
   *
   * @throws IllegalArgumentException when a metric is not finite
   */
  public static byte[] write(Reading reading) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator gen = JSON.getFactory().createGenerator(out)) {
      gen.writeStartArray();
      boolean first = true;
      for (Map.Entry<String, Double> metric : new TreeMap<>(reading.metrics()).entrySet()) {
        if (!Double.isFinite(metric.getValue())) {
          throw new IllegalArgumentException(
              "metrics." + metric.getKey() + ": not a finite number (" + metric.getValue() + ")");
        }
        gen.writeStartObject();
        if (first) {
          gen.writeStringField("bn", reading.deviceId() + ":");
          gen.writeNumberField("bt", BigDecimal.valueOf(reading.ts().toEpochMilli(), 3));
          first = false;
        }
        gen.writeStringField("n", metric.getKey());
        String unit = reading.units().get(metric.getKey());
        if (unit != null) {
          gen.writeStringField("u", unit);
        }
        gen.writeNumberField("v", metric.getValue());
        gen.writeEndObject();
      }
      gen.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static Result refusedPack(String reason, String payload) {
    return new Result(List.of(), List.of(new Refusal(reason, payload)));
  }

  /** Walks the records of one pack, carrying the base fields from record to record. */
  private static final class Resolver {

    private final String deviceId;
    private final Instant receivedAt;
    private String baseName = "";
    private BigDecimal baseTime = BigDecimal.ZERO;
    private String baseUnit;
    private double baseValue;
    private double baseSum;
    private String brokenBase;
    private final Map<Instant, Map<String, Double>> values = new TreeMap<>();
    private final Map<Instant, Map<String, String>> units = new TreeMap<>();
    private final List<Refusal> refused = new ArrayList<>();

    Resolver(String deviceId, Instant receivedAt) {
      this.deviceId = deviceId;
      this.receivedAt = receivedAt;
    }

    Result resolve(ArrayNode pack) {
      for (int i = 0; i < pack.size(); i++) {
        JsonNode record = pack.get(i);
        String path = JsonPaths.element("records", i);
        try {
          take(path, record);
        } catch (ReadingRejectedException e) {
          refused.add(
              new Refusal(e.getMessage(), record.toString(), e.field(), e.time().orElse(null)));
        }
      }
      List<Reading> readings = new ArrayList<>(values.size());
      values.forEach(
          (ts, metrics) ->
              readings.add(
                  new Reading(
                      deviceId,
                      ts,
                      Reading.NO_SEQ,
                      "",
                      metrics,
                      Map.of(),
                      Reading.SENML,
                      units.get(ts))));
      return new Result(readings, refused);
    }

    private void take(String path, JsonNode record) {
      if (!record.isObject()) {
        throw reject(path, "not a SenML record (" + kind(record) + ")");
      }
      ObjectNode fields = (ObjectNode) record;
      readBaseFields(path, fields);
      if (brokenBase != null) {
        throw reject(path, "follows " + brokenBase + ", which was refused");
      }
      for (Iterator<String> names = fields.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (name.endsWith("_")) {
          throw reject(
              JsonPaths.child(path, name),
              "a field that must be understood, and is not known here");
        }
      }
      String name = baseName + text(path, fields, "n", "");
      String metric = metric(path, name, fields);
      Instant ts = time(path, fields);
      double value = value(path, fields);
      Map<String, Double> atTime = values.computeIfAbsent(ts, t -> new LinkedHashMap<>());
      if (atTime.containsKey(metric)) {
        throw reject(path, "metric " + ReadingParser.quote(metric) + " appears twice at " + ts);
      }
      atTime.put(metric, value);
      String unit = text(path, fields, "u", baseUnit);
      if (unit != null && !unit.isEmpty()) {
        units.computeIfAbsent(ts, t -> new LinkedHashMap<>()).put(metric, unit);
      }
    }

    /** Reads the base fields; a bad one breaks every record from here on. */
    private void readBaseFields(String path, ObjectNode fields) {
      try {
        baseName = text(path, fields, "bn", baseName);
        if (fields.has("bt")) {
          baseTime = decimal(JsonPaths.child(path, "bt"), fields.get("bt"));
        }
        baseUnit = text(path, fields, "bu", baseUnit);
        if (fields.has("bv")) {
          baseValue = number(JsonPaths.child(path, "bv"), fields.get("bv"));
        }
        if (fields.has("bs")) {
          baseSum = number(JsonPaths.child(path, "bs"), fields.get("bs"));
        }
        if (fields.has("bver") && !fields.get("bver").canConvertToInt()) {
          throw reject(
              JsonPaths.child(path, "bver"), "not an integer (" + kind(fields.get("bver")) + ")");
        }
      } catch (ReadingRejectedException e) {
        brokenBase = path + "'s base field";
        throw e;
      }
    }

    private String metric(String path, String name, ObjectNode fields) {
      String field = JsonPaths.child(path, fields.has("n") ? "n" : "bn");
      if (name.isEmpty()) {
        throw reject(field, "no name: the record has neither a name nor a base name");
      }
      if (!validName(name)) {
        throw reject(
            field,
            "resolved name "
                + ReadingParser.quote(name)
                + " is not a SenML name (letters, digits, - : . / _, starting with a letter or"
                + " digit)");
      }
      String metric;
      if (!baseName.isEmpty() && name.length() > baseName.length()) {
        metric = name.substring(baseName.length());
      } else {
        metric = withoutDevicePrefix(name);
      }
      if (metric.isEmpty()) {
        String unit = text(path, fields, "u", baseUnit);
        metric = unit == null || unit.isEmpty() ? "value" : unit;
      }
      if (ReadingParser.hasControlCharacter(metric)) {
        throw reject(field, "holds a control character (" + ReadingParser.quote(metric) + ")");
      }
      return metric;
    }

    private String withoutDevicePrefix(String name) {
      if (!name.startsWith(deviceId)) {
        return name;
      }
      String rest = name.substring(deviceId.length());
      if (rest.isEmpty()) {
        return rest;
      }
      char separator = rest.charAt(0);
      return separator == ':'
              || separator == '/'
              || separator == '.'
              || separator == '_'
              || separator == '-'
          ? rest.substring(1)
          : name;
    }

    private Instant time(String path, ObjectNode fields) {
      BigDecimal seconds = baseTime;
      if (fields.has("t")) {
        seconds = seconds.add(decimal(JsonPaths.child(path, "t"), fields.get("t")));
      }
      String field = JsonPaths.child(path, fields.has("t") ? "t" : "bt");
      Instant ts;
      try {
        if (seconds.compareTo(RELATIVE_BELOW) < 0) {
          ts = receivedAt.plusNanos(nanos(seconds));
        } else {
          ts = instant(seconds);
        }
      } catch (ArithmeticException | DateTimeException e) {
        throw reject(
            field, "outside the times history can hold: " + seconds.toPlainString() + " s");
      }
      if (!Reading.storable(ts)) {
        throw ReadingParser.outsideHistory(field, ts);
      }
      return ts;
    }

    private double value(String path, ObjectNode fields) {
      if (fields.has("v")) {
        return finite(
            JsonPaths.child(path, "v"),
            number(JsonPaths.child(path, "v"), fields.get("v")) + baseValue);
      }
      if (fields.has("vb")) {
        JsonNode vb = fields.get("vb");
        if (!vb.isBoolean()) {
          throw reject(JsonPaths.child(path, "vb"), "not a boolean (" + kind(vb) + ")");
        }
        return vb.booleanValue() ? 1 : 0;
      }
      if (fields.has("s")) {
        return finite(
            JsonPaths.child(path, "s"),
            number(JsonPaths.child(path, "s"), fields.get("s")) + baseSum);
      }
      if (fields.has("vs")) {
        throw reject(JsonPaths.child(path, "vs"), "a string value; only numbers are kept");
      }
      if (fields.has("vd")) {
        throw reject(JsonPaths.child(path, "vd"), "a data value; only numbers are kept");
      }
      throw reject(path, "no value (v, vb or s)");
    }
  }

  private static String text(String path, ObjectNode fields, String name, String otherwise) {
    JsonNode node = fields.get(name);
    if (node == null) {
      return otherwise;
    }
    if (!node.isTextual()) {
      throw reject(JsonPaths.child(path, name), "not a string (" + kind(node) + ")");
    }
    if (ReadingParser.hasControlCharacter(node.textValue())) {
      throw reject(
          JsonPaths.child(path, name),
          "holds a control character (" + ReadingParser.quote(node.textValue()) + ")");
    }
    return node.textValue();
  }

  private static BigDecimal decimal(String field, JsonNode node) {
    if (!node.isNumber()) {
      throw reject(field, "not a number (" + kind(node) + ")");
    }
    return node.decimalValue();
  }

  private static double number(String field, JsonNode node) {
    if (!node.isNumber()) {
      throw reject(field, "not a finite number (" + kind(node) + ")");
    }
    return finite(field, node.doubleValue());
  }

  private static double finite(String field, double value) {
    if (!Double.isFinite(value)) {
      throw reject(field, "not a finite number (" + value + ")");
    }
    return value;
  }

  private static long nanos(BigDecimal seconds) {
    return seconds.multiply(BILLION).setScale(0, RoundingMode.HALF_UP).longValueExact();
  }

  private static Instant instant(BigDecimal seconds) {
    BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
    long nanos =
        seconds
            .subtract(whole)
            .multiply(BILLION)
            .setScale(0, RoundingMode.HALF_UP)
            .longValueExact();
    return Instant.ofEpochSecond(whole.longValueExact(), nanos);
  }

  /** RFC 8428, section 4.5.1: the characters of a resolved name, and what it must start with. */
  static boolean validName(String name) {
    if (name.isEmpty() || !Character.isLetterOrDigit(name.charAt(0)) || name.charAt(0) > 0x7F) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == ':'
              || c == '.'
              || c == '/'
              || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String kind(JsonNode node) {
    if (node.isObject()) {
      return "an object";
    }
    if (node.isArray()) {
      return "an array";
    }
    if (node.isTextual()) {
      return ReadingParser.quote(node.textValue());
    }
    return node.toString();
  }

  private static ReadingRejectedException reject(String field, String reason) {
    return new ReadingRejectedException(field, reason);
  }
}
