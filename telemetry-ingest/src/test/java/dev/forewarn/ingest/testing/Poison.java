package dev.forewarn.ingest.testing;

import static dev.forewarn.ingest.testing.Fixtures.T0;

import dev.forewarn.ingest.mqtt.MqttRecord;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.document.RuleJson;
import java.util.ArrayList;
import java.util.List;

/**
 * Telemetry that once stopped the job for everyone: a time past what a long holds in milliseconds
 * or what the stores hold, NUL characters that a refusal's reason would quote, control characters
 * in names that would break a line of history, and huge but finite values that would overflow a
 * rule's arithmetic.
 */
public final class Poison {

  /** How many of {@link #messages} are refused as dead letters. */
  public static final int REFUSED = 7;

  /** How many of {@link #messages} are valid readings with extreme values. */
  public static final int HUGE_VALUES = 8;

  private Poison() {}

  /** The poison messages of one device; the valid ones have seqs 1 to {@link #HUGE_VALUES}. */
  public static List<MqttRecord> messages(String deviceId) {
    List<MqttRecord> messages = new ArrayList<>();
    messages.add(payload(deviceId, "\"+300000000-01-01T00:00:00Z\"", 100, "\"m\":1"));
    messages.add(payload(deviceId, "\"+100000-01-01T00:00:00Z\"", 101, "\"m\":1"));
    messages.add(payload(deviceId, "\"2026-11-22T10:00:00Z\\u0000\"", 102, "\"m\":1"));
    messages.add(payload(deviceId, "\"" + T0 + "\"", 103, "\"m\\u0000\":1"));
    messages.add(
        Fixtures.telemetry(
            deviceId,
            "{\"ts\":\""
                + T0
                + "\",\"seq\":104,\"model\":\"x\\ntelemetry,device_id=forged m=1\","
                + "\"metrics\":{\"m\":1}}"));
    messages.add(
        Fixtures.telemetry(
            deviceId,
            "{\"ts\":\""
                + T0
                + "\",\"seq\":105,\"tags\":{\"site\":\"a\\u0000\"},\"metrics\":{\"m\":1}}"));
    messages.add(payload(deviceId, "\"-100000-01-01T00:00:00Z\"", 106, "\"m\":1"));
    double[] huge = {
      1.7e308, -1.7e308, Double.MAX_VALUE, -Double.MAX_VALUE, 1e308, -1e308, 0, 1.7e308
    };
    for (int i = 0; i < huge.length; i++) {
      messages.add(
          payload(
              deviceId,
              "\"" + T0.plusSeconds(60L * (i + 1)) + "\"",
              i + 1,
              "\"m\":" + huge[i] + ",\"n\":" + huge[huge.length - 1 - i]));
    }
    return messages;
  }

  /** A trend forecast on {@code m}, whose fit sees the huge values. */
  public static Rule trendRule() {
    return RuleJson.parse(
        "{\"id\":\"poison-trend\",\"severity\":\"warning\",\"condition\":{"
            + "\"type\":\"trend-forecast\",\"metric\":\"m\",\"direction\":\"above\","
            + "\"limit\":1e300,\"horizon\":\"P1D\",\"window\":\"PT10M\",\"buckets\":5,"
            + "\"minPointsInWindow\":3,\"minFit\":0}}");
  }

  /** A rate of change on {@code n}. */
  public static Rule rateRule() {
    return RuleJson.parse(
        "{\"id\":\"poison-rate\",\"severity\":\"warning\",\"condition\":{"
            + "\"type\":\"rate-of-change\",\"metric\":\"n\",\"direction\":\"above\","
            + "\"limit\":5,\"per\":\"second\",\"window\":\"PT10M\",\"buckets\":5}}");
  }

  private static MqttRecord payload(String deviceId, String ts, long seq, String metrics) {
    return Fixtures.telemetry(
        deviceId, "{\"ts\":" + ts + ",\"seq\":" + seq + ",\"metrics\":{" + metrics + "}}");
  }
}
