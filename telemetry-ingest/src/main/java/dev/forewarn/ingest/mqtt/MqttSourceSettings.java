package dev.forewarn.ingest.mqtt;

import java.io.Serializable;
import java.util.Objects;

/**
 * How one MQTT source connects and what it subscribes to.
 *
 * @param serverUri broker address, e.g. {@code tcp://127.0.0.1:11883}
 * @param username user name, empty for anonymous access (a plain string: the source is shipped to
 *     the cluster with Java serialization, which {@code Optional} does not support)
 * @param password password, empty for none
 * @param clientIdPrefix reader {@code n} connects as {@code <prefix>-<n>}; stable across restarts
 *     so the broker keeps each reader's session
 * @param topicFilter what to subscribe to, e.g. {@code $share/forewarn-ingest/devices/+/telemetry}
 * @param cleanSession false for a persistent session whose unacknowledged messages survive a
 *     restart; true for a fresh session (retained documents are delivered again on every connect)
 * @param queueCapacity messages buffered between Paho's callback thread and the Flink task thread;
 *     when full, Paho stops reading from the socket and the broker holds the rest
 */
public record MqttSourceSettings(
    String serverUri,
    String username,
    String password,
    String clientIdPrefix,
    String topicFilter,
    boolean cleanSession,
    int queueCapacity)
    implements Serializable {

  public MqttSourceSettings {
    Objects.requireNonNull(serverUri, "serverUri");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(clientIdPrefix, "clientIdPrefix");
    Objects.requireNonNull(topicFilter, "topicFilter");
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be 1 or more, got " + queueCapacity);
    }
  }

  /** The client id of the reader that owns split {@code index}. */
  public String clientId(int index) {
    return clientIdPrefix + "-" + index;
  }

  @Override
  public String toString() {
    return "MqttSourceSettings[serverUri="
        + serverUri
        + ", clientIdPrefix="
        + clientIdPrefix
        + ", topicFilter="
        + topicFilter
        + ", cleanSession="
        + cleanSession
        + "]";
  }
}
