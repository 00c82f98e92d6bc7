package dev.forewarn.ingest.mqtt;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
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
 * @param topicFilter what to subscribe to, e.g. {@code devices/+/telemetry}, or {@code
 *     $share/forewarn-ingest/devices/+/telemetry} to spread it over several readers
 * @param cleanSession false for a persistent session whose unacknowledged messages survive a
 *     restart; true for a fresh session (retained documents are delivered again on every connect)
 * @param queueCapacity messages buffered between Paho's callback thread and the Flink task thread;
 *     when full, Paho stops reading from the socket and the broker holds the rest
 * @param syncTopic empty, or a topic the filter matches on which each connect of a clean session is
 *     framed: a {@link RetainedSet#START} record before the subscription, and, published through
 *     the broker once it is confirmed, a {@link RetainedSet#END} record that arrives after every
 *     retained message of the subscription, so a reader knows when it has the complete retained set
 * @param moreTopicFilters further filters subscribed to along with {@code topicFilter}, such as the
 *     SenML topics next to the telemetry topics
 */
public record MqttSourceSettings(
    String serverUri,
    String username,
    String password,
    String clientIdPrefix,
    String topicFilter,
    boolean cleanSession,
    int queueCapacity,
    String syncTopic,
    List<String> moreTopicFilters)
    implements Serializable {

  /** Settings of one topic filter. */
  public MqttSourceSettings(
      String serverUri,
      String username,
      String password,
      String clientIdPrefix,
      String topicFilter,
      boolean cleanSession,
      int queueCapacity,
      String syncTopic) {
    this(
        serverUri,
        username,
        password,
        clientIdPrefix,
        topicFilter,
        cleanSession,
        queueCapacity,
        syncTopic,
        List.of());
  }

  /** Settings without sync markers. */
  public MqttSourceSettings(
      String serverUri,
      String username,
      String password,
      String clientIdPrefix,
      String topicFilter,
      boolean cleanSession,
      int queueCapacity) {
    this(
        serverUri,
        username,
        password,
        clientIdPrefix,
        topicFilter,
        cleanSession,
        queueCapacity,
        "");
  }

  public MqttSourceSettings {
    Objects.requireNonNull(serverUri, "serverUri");
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(clientIdPrefix, "clientIdPrefix");
    Objects.requireNonNull(topicFilter, "topicFilter");
    Objects.requireNonNull(syncTopic, "syncTopic");
    moreTopicFilters = List.copyOf(moreTopicFilters);
    if (!syncTopic.isEmpty() && !cleanSession) {
      throw new IllegalArgumentException("a sync topic frames the retained set of a clean session");
    }
    if (queueCapacity < 1) {
      throw new IllegalArgumentException("queueCapacity must be 1 or more, got " + queueCapacity);
    }
  }

  /** Every filter subscribed to: {@code topicFilter} first. */
  public List<String> topicFilters() {
    List<String> all = new ArrayList<>(1 + moreTopicFilters.size());
    all.add(topicFilter);
    all.addAll(moreTopicFilters);
    return all;
  }

  /**
   * Whether the filters are shared subscriptions ({@code $share/...}), which the broker spreads
   * over the readers. A plain filter read by several sessions would bring every message once per
   * session, so a source without shared filters runs one reader.
   */
  public boolean shared() {
    return topicFilter.startsWith("$share/");
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
        + ", topicFilters="
        + topicFilters()
        + ", cleanSession="
        + cleanSession
        + "]";
  }
}
