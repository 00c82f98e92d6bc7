package dev.forewarn.ingest.testing;

import dev.forewarn.ingest.detection.RuleUpdate;
import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.rules.condition.Direction;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.document.Scope;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.apache.flink.streaming.api.operators.TwoInputStreamOperator;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;

/** Named instants, readings, rules and messages for the tests. */
public final class Fixtures {

  public static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
  public static final Instant T0_PLUS_1M = T0.plusSeconds(60);
  public static final Instant T0_PLUS_2M = T0.plusSeconds(120);
  public static final Instant T0_PLUS_3M = T0.plusSeconds(180);
  public static final Instant T0_PLUS_4M = T0.plusSeconds(240);
  public static final Instant T0_PLUS_5M = T0.plusSeconds(300);
  public static final Instant T0_PLUS_6M = T0.plusSeconds(360);

  public static final String METRIC = "compressor_temp_c";
  public static final String MODEL = "AC-200";
  public static final String SYNC_TOPIC = "forewarn/rules/_sync";
  public static final long RECEIVED_AT = T0.plusSeconds(3_600).toEpochMilli();

  private Fixtures() {}

  /** A reading of the compressor temperature; seq follows the minute. */
  public static Reading reading(String deviceId, Instant at, double celsius) {
    long seq = (at.getEpochSecond() - T0.getEpochSecond()) / 60;
    return new Reading(deviceId, at, seq, MODEL, Map.of(METRIC, celsius));
  }

  /**
   * Compressor temperature above 80 °C for at least two minutes opens a case; back to 75 °C or
   * below clears it.
   */
  public static Rule overheating(String ruleId, int version, Scope scope) {
    return Rule.threshold(
        ruleId,
        version,
        "Compressor overheating",
        scope,
        Severity.WARNING,
        METRIC,
        Direction.ABOVE,
        80.0,
        75.0,
        Duration.ofMinutes(2),
        1);
  }

  /** A rule that opens a case on the first reading above the level, for every device. */
  public static Rule anythingAbove(String ruleId, double level) {
    return Rule.threshold(
        ruleId,
        1,
        "Anything above " + level,
        Scope.ALL,
        Severity.INFO,
        METRIC,
        Direction.ABOVE,
        level,
        level,
        Duration.ZERO,
        1);
  }

  public static Rule overheating(String ruleId, int version) {
    return overheating(ruleId, version, Scope.ALL);
  }

  public static Scope models(String... models) {
    return new Scope(Set.of(), Set.of(models));
  }

  public static Scope devices(String... deviceIds) {
    return new Scope(Set.of(deviceIds), Set.of());
  }

  public static RuleUpdate update(Rule rule) {
    return new RuleUpdate(rule.id(), RuleJson.toJson(rule));
  }

  /** The MQTT message a device publishes for a reading. */
  public static MqttRecord telemetry(Reading reading) {
    return message(ReadingJson.telemetryTopic(reading.deviceId()), ReadingJson.write(reading));
  }

  /** A raw message on a device's telemetry topic. */
  public static MqttRecord telemetry(String deviceId, String payload) {
    return message(ReadingJson.telemetryTopic(deviceId), payload.getBytes(StandardCharsets.UTF_8));
  }

  /** The retained rule document as the rules API publishes it. */
  public static MqttRecord ruleDocument(Rule rule) {
    return message(
        "forewarn/rules/" + rule.id(), RuleJson.toJson(rule).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Retained rule documents as a rules reader receives them after it connected: framed by the
   * markers that say the retained set is complete.
   */
  public static java.util.List<MqttRecord> synced(MqttRecord... documents) {
    java.util.List<MqttRecord> framed = new java.util.ArrayList<>();
    framed.add(message(SYNC_TOPIC, "start t1".getBytes(StandardCharsets.UTF_8)));
    framed.addAll(java.util.List.of(documents));
    framed.add(message(SYNC_TOPIC, "end t1".getBytes(StandardCharsets.UTF_8)));
    return framed;
  }

  public static MqttRecord message(String topic, byte[] payload) {
    return new MqttRecord(topic, payload, RECEIVED_AT);
  }

  /**
   * What the detection operator's rules input does once the rules reader has the retained set
   * ({@code RulesWatermarks}): it goes idle, and event time is the readings' alone.
   */
  public static void rulesInputIdle(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> detection)
      throws Exception {
    ((TwoInputStreamOperator<?, ?, ?>) detection.getOperator())
        .processWatermarkStatus2(WatermarkStatus.IDLE);
  }
}
