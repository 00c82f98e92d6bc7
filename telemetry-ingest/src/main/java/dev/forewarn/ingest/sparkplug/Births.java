package dev.forewarn.ingest.sparkplug;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;
import org.eclipse.tahu.model.MetricDataTypeMap;

/**
 * The metrics one birth (NBIRTH or DBIRTH) declared: name, alias and type of each. Kept in keyed
 * state as text, one metric a line ({@code alias TAB type number TAB name}, alias -1 when the birth
 * gave none), so that state does not depend on how a class serializes.
 */
final class Births {

  /** One declared metric. */
  record Entry(String name, long alias, MetricDataType type) {}

  private static final List<MetricDataType> NUMBERS =
      List.of(
          MetricDataType.Int8,
          MetricDataType.Int16,
          MetricDataType.Int32,
          MetricDataType.Int64,
          MetricDataType.UInt8,
          MetricDataType.UInt16,
          MetricDataType.UInt32,
          MetricDataType.UInt64,
          MetricDataType.Float,
          MetricDataType.Double);

  private final Map<Long, Entry> byAlias = new HashMap<>();
  private final Map<String, Entry> byName = new HashMap<>();
  private final MetricDataTypeMap types = new MetricDataTypeMap();
  private String model = "";

  /** The birth metric that names the product model. */
  static final String MODEL = "Properties/Model";

  private static final String MODEL_LINE = "#model\t";

  private Births() {}

  static Births of(SparkplugBPayload birth) {
    Births births = new Births();
    for (Metric metric : birth.getMetrics()) {
      if (MODEL.equals(metric.getName())
          && metric.getValue() instanceof String name
          && !hasControlCharacter(name)) {
        births.model = name;
      }
      if (metric.hasName()
          && metric.getDataType() != null
          && !hasControlCharacter(metric.getName())) {
        births.add(
            new Entry(
                metric.getName(),
                metric.hasAlias() ? metric.getAlias() : -1,
                metric.getDataType()));
      }
    }
    return births;
  }

  private void add(Entry entry) {
    byName.put(entry.name(), entry);
    types.addMetricDataType(entry.name(), entry.type());
    if (entry.alias() >= 0) {
      byAlias.put(entry.alias(), entry);
      types.addMetricDataType(entry.alias(), entry.type());
    }
  }

  /** The model the birth named, empty when none. */
  String model() {
    return model;
  }

  Entry byAlias(Long alias) {
    return alias == null ? null : byAlias.get(alias);
  }

  /** What Tahu's decoder needs for metrics sent by alias without a type. */
  MetricDataTypeMap types() {
    return types;
  }

  String encode() {
    StringBuilder text = new StringBuilder();
    if (!model.isEmpty()) {
      text.append(MODEL_LINE).append(model).append('\n');
    }
    for (Entry entry : byName.values()) {
      text.append(entry.alias())
          .append('\t')
          .append(entry.type().toIntValue())
          .append('\t')
          .append(entry.name())
          .append('\n');
    }
    return text.toString();
  }

  static Births decode(String text) {
    Births births = new Births();
    for (String line : text.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith(MODEL_LINE)) {
        births.model = line.substring(MODEL_LINE.length());
        continue;
      }
      String[] parts = line.split("\t", 3);
      births.add(
          new Entry(
              parts[2],
              Long.parseLong(parts[0]),
              MetricDataType.fromInteger(Integer.parseInt(parts[1]))));
    }
    return births;
  }

  /**
   * The metric's value as a reading's number: numbers as they are, booleans as 1 or 0; null for a
   * null value, another type, or a control metric ({@code bdSeq}, {@code Node Control/*}, {@code
   * Device Control/*}), which are left out.
   */
  static Double number(String name, MetricDataType type, Metric metric) {
    if (name == null
        || name.isBlank()
        || name.equals("bdSeq")
        || name.startsWith("Node Control/")
        || name.startsWith("Device Control/")
        || hasControlCharacter(name)
        || Boolean.TRUE.equals(metric.isNull())
        || metric.getValue() == null) {
      return null;
    }
    Object value = metric.getValue();
    if (MetricDataType.Boolean.equals(type) && value instanceof Boolean bool) {
      return bool ? 1.0 : 0.0;
    }
    if (NUMBERS.contains(type) && value instanceof Number number) {
      double result = number.doubleValue();
      return Double.isFinite(result) ? result : null;
    }
    return null;
  }

  private static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        return true;
      }
    }
    return false;
  }

  /** An NCMD payload asking an edge node for a rebirth: {@code Node Control/Rebirth = true}. */
  static byte[] rebirthRequest(long nowMillis) {
    try {
      SparkplugBPayload payload =
          new SparkplugBPayload.SparkplugBPayloadBuilder()
              .setTimestamp(new Date(nowMillis))
              .addMetric(
                  new Metric.MetricBuilder(
                          ResolveSparkplug.REBIRTH_METRIC, MetricDataType.Boolean, true)
                      .createMetric())
              .createPayload();
      return new SparkplugBPayloadEncoder().getBytes(payload, false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (Exception e) {
      throw new IllegalStateException("cannot encode a rebirth request", e);
    }
  }
}
