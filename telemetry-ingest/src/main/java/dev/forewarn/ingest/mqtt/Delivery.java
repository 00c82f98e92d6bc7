package dev.forewarn.ingest.mqtt;

/**
 * A message handed from Paho's callback thread to the task thread, with what is needed to
 * acknowledge it later on the connection that delivered it.
 *
 * @param connection the connection it arrived on
 * @param generation which connect of that connection it arrived on; an acknowledgement for an older
 *     connect is not sent, because the broker delivers the message again after a reconnect
 * @param messageId the MQTT packet id
 * @param qos the QoS it was delivered with; only QoS 1 is acknowledged
 * @param record the message itself
 */
record Delivery(
    MqttConnection connection, int generation, int messageId, int qos, MqttRecord record) {

  void acknowledge() {
    connection.acknowledge(generation, messageId, qos);
  }
}
