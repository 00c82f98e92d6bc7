package dev.forewarn.simulator.mqtt;

import java.util.Objects;

/**
 * How the fleet reaches the broker.
 *
 * @param url broker URL, e.g. {@code tcp://127.0.0.1:11883}
 * @param clientId client id of the shared connection, and prefix of per-device client ids
 * @param qos QoS of telemetry messages (0, 1 or 2)
 * @param maxInflight messages published but not yet acknowledged, over all connections
 * @param deviceConnections one connection per device (each with its own last will) when the fleet
 *     has at most this many devices; above it, the fleet shares one connection
 * @param format how readings go on the wire ({@link WireFormat})
 */
public record MqttSettings(
    String url,
    String clientId,
    int qos,
    int maxInflight,
    int deviceConnections,
    WireFormat.Kind format) {

  /** Settings that send Forewarn JSON. */
  public MqttSettings(
      String url, String clientId, int qos, int maxInflight, int deviceConnections) {
    this(url, clientId, qos, maxInflight, deviceConnections, WireFormat.Kind.JSON);
  }

  /** MQTT packet ids are 16 bit: no client can have more messages in flight. */
  public static final int MAX_INFLIGHT_LIMIT = 65_535;

  public MqttSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(format, "format");
    if (url.isBlank()) {
      throw new IllegalArgumentException("url: must not be blank");
    }
    if (clientId.isBlank()) {
      throw new IllegalArgumentException("clientId: must not be blank");
    }
    if (qos < 0 || qos > 2) {
      throw new IllegalArgumentException("qos: must be 0, 1 or 2, got " + qos);
    }
    if (maxInflight < 1 || maxInflight > MAX_INFLIGHT_LIMIT) {
      throw new IllegalArgumentException(
          "maxInflight: must be between 1 and " + MAX_INFLIGHT_LIMIT + ", got " + maxInflight);
    }
    if (deviceConnections < 0) {
      throw new IllegalArgumentException(
          "deviceConnections: must not be negative, got " + deviceConnections);
    }
  }

  /** Whether a fleet of that size gets one connection per device. */
  public boolean connectionPerDevice(int devices) {
    return devices <= deviceConnections;
  }
}
