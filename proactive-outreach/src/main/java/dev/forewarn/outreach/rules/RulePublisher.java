package dev.forewarn.outreach.rules;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttMessage;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Publishes the active version of each rule to {@code forewarn/rules/{id}} (the topic is {@code
 * forewarn.mqtt.rules-topic}), retained at QoS 1, so that the telemetry job gets every rule when it
 * (re)subscribes; an empty retained payload removes a rule. Connects on first use and again after a
 * failure.
 */
@Component
class RulePublisher implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(RulePublisher.class);

  private final MqttProperties properties;
  private MqttClient client;

  RulePublisher(MqttProperties properties) {
    this.properties = properties;
    if (properties.brokerUrl().isEmpty()) {
      log.info("rules are not published: forewarn.mqtt.url is not set");
    }
  }

  /**
   * Publishes a rule's document, or removes the rule when the document is empty.
   *
   * @return whether the broker acknowledged it; false when no broker is configured or it failed
   */
  synchronized boolean publish(String ruleId, Optional<String> document) {
    Optional<String> url = properties.brokerUrl();
    if (url.isEmpty()) {
      return false;
    }
    String topic = properties.ruleTopic(ruleId);
    try {
      MqttMessage message = new MqttMessage(document.orElse("").getBytes(StandardCharsets.UTF_8));
      message.setQos(1);
      message.setRetained(true);
      connected(url.get()).publish(topic, message);
      log.info("rule published rule_id={} topic={} removed={}", ruleId, topic, document.isEmpty());
      return true;
    } catch (MqttException e) {
      log.warn("rule not published rule_id={} topic={}: {}", ruleId, topic, e.toString());
      closeQuietly();
      return false;
    }
  }

  private MqttClient connected(String url) throws MqttException {
    if (client != null && client.isConnected()) {
      return client;
    }
    closeQuietly();
    MqttClient fresh =
        new MqttClient(url, "forewarn-outreach-" + UUID.randomUUID(), new MemoryPersistence());
    fresh.setTimeToWait(properties.timeout().toMillis());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setConnectionTimeout((int) Math.max(1, properties.timeout().toSeconds()));
    fresh.connect(options);
    client = fresh;
    return client;
  }

  private void closeQuietly() {
    if (client == null) {
      return;
    }
    try {
      if (client.isConnected()) {
        client.disconnect(properties.timeout().toMillis());
      }
      client.close();
    } catch (MqttException e) {
      log.debug("closing MQTT client", e);
    }
    client = null;
  }

  @Override
  public synchronized void destroy() {
    closeQuietly();
  }
}
