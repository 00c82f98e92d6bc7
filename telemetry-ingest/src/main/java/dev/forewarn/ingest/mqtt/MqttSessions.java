package dev.forewarn.ingest.mqtt;

import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends the persistent sessions of a job that is gone for good. A broker keeps queueing telemetry
 * for a persistent session until it expires, so a run that will not come back (a demo, a test, a
 * benchmark) ends its readers' sessions by connecting once with a clean session under each id.
 */
public final class MqttSessions {

  private static final Logger LOG = LoggerFactory.getLogger(MqttSessions.class);

  private MqttSessions() {}

  /**
   * Ends the sessions {@code <clientIdPrefix>-0} to {@code <clientIdPrefix>-<readers - 1>}, the
   * client ids the telemetry source gives its readers.
   */
  public static void endTelemetrySessions(String serverUri, String clientIdPrefix, int readers) {
    for (int reader = 0; reader < readers; reader++) {
      String clientId = clientIdPrefix + "-" + reader;
      try {
        end(serverUri, clientId);
      } catch (MqttException e) {
        LOG.warn("could not end MQTT session client_id={}: {}", clientId, e.toString());
      }
    }
  }

  /**
   * Ends one session, with what the broker queued for it; ending a session that does not exist
   * changes nothing. A client connected under that id is disconnected by the broker.
   */
  public static void end(String serverUri, String clientId) throws MqttException {
    try (MqttClient client = new MqttClient(serverUri, clientId, new MemoryPersistence())) {
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(true);
      client.connect(options);
      client.disconnect();
    }
  }
}
