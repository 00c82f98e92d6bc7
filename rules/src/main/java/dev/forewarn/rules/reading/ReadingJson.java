package dev.forewarn.rules.reading;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.forewarn.rules.document.JsonPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The one codec for telemetry payloads on {@code devices/{deviceId}/telemetry} (see
 * docs/contracts.md): the simulator writes with it and the streaming job parses with it. It streams
 * (no tree model) over one shared, thread-safe {@link JsonFactory}, because it sits on the job's
 * hot path. Non-numeric tokens such as {@code NaN} stay disabled and are refused with a clear
 * reason.
 */
public final class ReadingJson {

  private static final JsonFactory FACTORY = JsonFactory.builder().build();
  private static final String TOPIC_PREFIX = "devices/";
  private static final String TOPIC_SUFFIX = "/telemetry";

  private ReadingJson() {}

  /**
   * Writes a reading as {@code {"ts":"...","seq":N,"model":"...","metrics":{...},"tags":{...}}}: ts
   * in ISO-8601 UTC, seq left out when the reading has none ({@link Reading#NO_SEQ}), model and
   * tags left out when empty, metrics and tags sorted by name. The device id is not written: the
   * topic carries it; nor are the format and units, which only the history keeps.
   *
   * @throws IllegalArgumentException when a metric is not finite, because such a payload would be
   *     refused by {@link #parse}
   */
  public static byte[] write(Reading reading) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(160);
    try (JsonGenerator gen = FACTORY.createGenerator(out)) {
      gen.writeStartObject();
      gen.writeStringField("ts", reading.ts().toString());
      if (reading.hasSeq()) {
        gen.writeNumberField("seq", reading.seq());
      }
      if (!reading.model().isEmpty()) {
        gen.writeStringField("model", reading.model());
      }
      gen.writeObjectFieldStart("metrics");
      for (Map.Entry<String, Double> metric : new TreeMap<>(reading.metrics()).entrySet()) {
        if (!Double.isFinite(metric.getValue())) {
          throw new IllegalArgumentException(
              "metrics." + metric.getKey() + ": not a finite number (" + metric.getValue() + ")");
        }
        gen.writeNumberField(metric.getKey(), metric.getValue());
      }
      gen.writeEndObject();
      if (!reading.tags().isEmpty()) {
        gen.writeObjectFieldStart("tags");
        for (Map.Entry<String, String> tag : new TreeMap<>(reading.tags()).entrySet()) {
          gen.writeStringField(tag.getKey(), tag.getValue());
        }
        gen.writeEndObject();
      }
      gen.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /**
   * Parses and validates one payload received on the telemetry topic of {@code topicDeviceId}.
   * Unknown top-level fields are ignored, since devices add fields over time.
   *
   * @param topicDeviceId the device id from the topic; null when no topic names the device (a
   *     replay), in which case the payload must carry {@code deviceId}
   * @param payload the raw message bytes (UTF-8 JSON)
   * @return the reading, with only finite metric values
   * @throws ReadingRejectedException naming the field and the reason, e.g. {@code
   *     metrics.compressor_temp_c: not a finite number ("NaN")}
   */
  public static Reading parse(String topicDeviceId, byte[] payload) {
    if (payload == null || payload.length == 0) {
      throw new ReadingRejectedException(JsonPaths.ROOT, "empty payload");
    }
    try (JsonParser parser = FACTORY.createParser(payload)) {
      return new ReadingParser(parser, topicDeviceId).read();
    } catch (JsonProcessingException e) {
      throw ReadingParser.rejection(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The device id of a telemetry topic {@code devices/{deviceId}/telemetry}; empty for any other
   * topic, including one whose device part is empty or spans several levels.
   */
  public static Optional<String> deviceIdFromTopic(String topic) {
    return deviceIdFromTopic(topic, TOPIC_SUFFIX);
  }

  /** The device id of a topic {@code devices/{deviceId}<suffix>}, empty for any other topic. */
  static Optional<String> deviceIdFromTopic(String topic, String suffix) {
    if (topic == null
        || topic.length() <= TOPIC_PREFIX.length() + suffix.length()
        || !topic.startsWith(TOPIC_PREFIX)
        || !topic.endsWith(suffix)) {
      return Optional.empty();
    }
    String deviceId = topic.substring(TOPIC_PREFIX.length(), topic.length() - suffix.length());
    return isTopicLevel(deviceId) ? Optional.of(deviceId) : Optional.empty();
  }

  /**
   * The telemetry topic of a device, the inverse of {@link #deviceIdFromTopic}.
   *
   * @throws IllegalArgumentException when the id is blank or holds {@code /}, {@code +} or {@code
   *     #}
   */
  public static String telemetryTopic(String deviceId) {
    return topic(deviceId, TOPIC_SUFFIX);
  }

  /** The topic {@code devices/{deviceId}<suffix>}. */
  static String topic(String deviceId, String suffix) {
    if (deviceId == null || deviceId.isBlank() || !isTopicLevel(deviceId)) {
      throw new IllegalArgumentException(
          "device id \"" + deviceId + "\" cannot be one MQTT topic level");
    }
    return TOPIC_PREFIX + deviceId + suffix;
  }

  private static boolean isTopicLevel(String text) {
    return !text.isEmpty()
        && text.indexOf('/') < 0
        && text.indexOf('+') < 0
        && text.indexOf('#') < 0;
  }
}
