package dev.forewarn.rules.reading;

import dev.forewarn.rules.document.Scope;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One telemetry reading of one device at one event time.
 *
 * @param deviceId the device that measured it, never blank
 * @param ts the device's own timestamp (event time)
 * @param seq the device's message sequence number; the same (device, seq) is a duplicate. {@link
 *     #NO_SEQ} when the device sends none: then the same (device, ts) is a duplicate
 * @param model the product model, may be empty when the device does not say
 * @param metrics metric name to finite value, at least one
 * @param tags free-form device labels such as {@code site -> north}, matched by {@link
 *     Scope#tags()}; null means none
 * @param format the payload format the reading arrived in ({@link #JSON}, {@link #SENML}, {@link
 *     #SPARKPLUG}); null means {@link #JSON}
 * @param units metric name to the unit the device gave it (such as {@code Cel}); null means none
 */
public record Reading(
    String deviceId,
    Instant ts,
    long seq,
    String model,
    Map<String, Double> metrics,
    Map<String, String> tags,
    String format,
    Map<String, String> units) {

  /** The seq of a reading whose device sends no sequence number. */
  public static final long NO_SEQ = -1;

  /** Forewarn's own JSON on {@code devices/{deviceId}/telemetry}. */
  public static final String JSON = "json";

  /** SenML (RFC 8428) packs on {@code devices/{deviceId}/senml}. */
  public static final String SENML = "senml";

  /** Sparkplug B on {@code spBv1.0/{group}/...}. */
  public static final String SPARKPLUG = "sparkplug";

  /**
   * The earliest event time a reading may carry: InfluxDB keeps time as nanoseconds in a signed
   * 64-bit number, which reaches back to 1677-09-21; a day later, so that every millisecond counts.
   */
  public static final Instant EARLIEST = Instant.parse("1677-09-22T00:00:00Z");

  /** The latest event time a reading may carry: InfluxDB's nanoseconds end on 2262-04-11. */
  public static final Instant LATEST = Instant.parse("2262-04-10T23:59:59.999Z");

  public Reading {
    Objects.requireNonNull(deviceId, "deviceId");
    Objects.requireNonNull(ts, "ts");
    if (!storable(ts)) {
      // Beyond these, epoch milliseconds overflow a long, or the stores refuse the time.
      throw new IllegalArgumentException(
          "ts: outside the times history can hold (" + EARLIEST + " to " + LATEST + "): " + ts);
    }
    if (seq < NO_SEQ) {
      throw new IllegalArgumentException("seq: must not be negative (" + seq + ")");
    }
    model = model == null ? "" : model;
    metrics = Map.copyOf(Objects.requireNonNull(metrics, "metrics"));
    tags = tags == null ? Map.of() : Map.copyOf(tags);
    format = format == null ? JSON : format;
    units = units == null ? Map.of() : Map.copyOf(units);
  }

  /** A reading of Forewarn JSON, without units. */
  public Reading(
      String deviceId,
      Instant ts,
      long seq,
      String model,
      Map<String, Double> metrics,
      Map<String, String> tags) {
    this(deviceId, ts, seq, model, metrics, tags, JSON, Map.of());
  }

  /** A reading without tags. */
  public Reading(String deviceId, Instant ts, long seq, String model, Map<String, Double> metrics) {
    this(deviceId, ts, seq, model, metrics, Map.of());
  }

  /**
   * Whether every store the job writes can hold this event time: {@link #EARLIEST} to {@link
   * #LATEST}, which also keeps epoch milliseconds (and nanoseconds) within a {@code long} and
   * within PostgreSQL's {@code timestamptz}.
   */
  public static boolean storable(Instant ts) {
    return !ts.isBefore(EARLIEST) && !ts.isAfter(LATEST);
  }

  /** Whether the device numbered this reading; without a seq, its event time identifies it. */
  public boolean hasSeq() {
    return seq != NO_SEQ;
  }

  /** The value of one metric, when this reading carries it. */
  public Optional<Double> metric(String name) {
    return Optional.ofNullable(metrics.get(name));
  }
}
