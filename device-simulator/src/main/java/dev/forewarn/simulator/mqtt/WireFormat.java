package dev.forewarn.simulator.mqtt;

import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import dev.forewarn.rules.reading.SenmlPack;
import dev.forewarn.simulator.mqtt.RawPublisher.Message;
import java.util.Date;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.tahu.message.SparkplugBPayloadEncoder;
import org.eclipse.tahu.message.model.Metric;
import org.eclipse.tahu.message.model.MetricDataType;
import org.eclipse.tahu.message.model.SparkplugBPayload;

/**
 * How a simulated device puts a reading on the wire (see docs/contracts.md):
 *
 * <ul>
 *   <li>{@code json}: Forewarn's JSON on {@code devices/{deviceId}/telemetry}, with seq;
 *   <li>{@code senml}: a SenML pack on {@code devices/{deviceId}/senml}, base name {@code
 *       <deviceId>:}, base time, one record per metric; no seq;
 *   <li>{@code sparkplug}: each device is a Sparkplug B edge node {@code <deviceId>} of group
 *       {@code forewarn}: its first reading is its NBIRTH (bdSeq, {@code Properties/Model}, every
 *       metric with its alias and value), later ones NDATA by alias, seq 0 to 255 wrapping. The job
 *       names it {@code forewarn.<deviceId>}. Rebirth requests are not answered.
 * </ul>
 *
 * <p>One encoder per fleet; not thread-safe (it remembers which devices were born).
 */
public final class WireFormat {

  /** The formats, as {@code --format} names them. */
  public enum Kind {
    JSON,
    SENML,
    SPARKPLUG;

    /**
     * The kind a name stands for.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Kind parse(String name) {
      try {
        return valueOf(name.strip().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "expected json, senml or sparkplug, got '" + name + "'", e);
      }
    }
  }

  /** The Sparkplug group of simulated edge nodes. */
  public static final String SPARKPLUG_GROUP = "forewarn";

  private final Kind kind;
  private final Map<String, Map<String, Long>> aliases = new HashMap<>();
  private final Map<String, Long> seqs = new HashMap<>();
  private final SparkplugBPayloadEncoder encoder = new SparkplugBPayloadEncoder();

  public WireFormat(Kind kind) {
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  /** The id the job gives a simulated device whose readings go out in this format. */
  public String jobDeviceId(String deviceId) {
    return kind == Kind.SPARKPLUG ? SPARKPLUG_GROUP + "." + deviceId : deviceId;
  }

  /** One message carrying the reading. */
  public Message encode(Reading reading) {
    return switch (kind) {
      case JSON ->
          new Message(ReadingJson.telemetryTopic(reading.deviceId()), ReadingJson.write(reading));
      case SENML -> new Message(SenmlPack.topic(reading.deviceId()), SenmlPack.write(reading));
      case SPARKPLUG -> sparkplug(reading);
    };
  }

  private Message sparkplug(Reading reading) {
    String device = reading.deviceId();
    Map<String, Long> known = aliases.get(device);
    boolean birth = known == null;
    if (birth) {
      known = new HashMap<>();
      aliases.put(device, known);
    }
    long seq = birth ? 0 : (seqs.get(device) + 1) % 256;
    seqs.put(device, seq);
    Date at = Date.from(reading.ts());
    SparkplugBPayload.SparkplugBPayloadBuilder payload =
        new SparkplugBPayload.SparkplugBPayloadBuilder(seq).setTimestamp(at);
    try {
      if (birth) {
        payload.addMetric(
            new Metric.MetricBuilder("bdSeq", MetricDataType.Int64, 0L).createMetric());
        payload.addMetric(
            new Metric.MetricBuilder("Node Control/Rebirth", MetricDataType.Boolean, false)
                .createMetric());
        if (!reading.model().isEmpty()) {
          payload.addMetric(
              new Metric.MetricBuilder("Properties/Model", MetricDataType.String, reading.model())
                  .createMetric());
        }
      }
      for (Map.Entry<String, Double> metric : new TreeMap<>(reading.metrics()).entrySet()) {
        if (birth) {
          long alias = known.size() + 1L;
          known.put(metric.getKey(), alias);
          payload.addMetric(
              new Metric.MetricBuilder(metric.getKey(), MetricDataType.Double, metric.getValue())
                  .alias(alias)
                  .timestamp(at)
                  .createMetric());
        } else {
          Long alias = known.get(metric.getKey());
          Metric.MetricBuilder builder =
              alias == null
                  ? new Metric.MetricBuilder(
                      metric.getKey(), MetricDataType.Double, metric.getValue())
                  : new Metric.MetricBuilder(alias, MetricDataType.Double, metric.getValue());
          payload.addMetric(builder.timestamp(at).createMetric());
        }
      }
      String type = birth ? "NBIRTH" : "NDATA";
      return new Message(
          "spBv1.0/" + SPARKPLUG_GROUP + "/" + type + "/" + device,
          encoder.getBytes(payload.createPayload(), false));
    } catch (Exception e) {
      throw new IllegalStateException("cannot encode a Sparkplug B payload for " + device, e);
    }
  }
}
