package dev.forewarn.ingest.mqtt;

import java.io.IOException;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the job's own messages (Sparkplug rebirth requests, device status) over one MQTT
 * connection per writer, client id {@code <prefix>-publish-<subtask>}. Best effort: a message that
 * cannot be published is logged and counted ({@code mqtt_publish_failures}), never fails the job; a
 * rebirth request is asked again on the edge node's next message without a birth.
 */
public final class MqttPublishSink implements Sink<MqttOutbound> {

  private static final Logger LOG = LoggerFactory.getLogger(MqttPublishSink.class);

  private final MqttSourceSettings settings;

  /** Publishes through the broker and credentials of these settings. */
  public MqttPublishSink(MqttSourceSettings settings) {
    this.settings = settings;
  }

  @Override
  public SinkWriter<MqttOutbound> createWriter(WriterInitContext context) throws IOException {
    return new Writer(
        settings,
        settings.clientIdPrefix() + "-publish-" + context.getTaskInfo().getIndexOfThisSubtask(),
        context.metricGroup().counter("mqtt_publish_failures"));
  }

  private static final class Writer implements SinkWriter<MqttOutbound> {

    private final MqttSourceSettings settings;
    private final String clientId;
    private final Counter failures;
    private MqttClient client;

    Writer(MqttSourceSettings settings, String clientId, Counter failures) {
      this.settings = settings;
      this.clientId = clientId;
      this.failures = failures;
    }

    @Override
    public void write(MqttOutbound message, Context context) {
      try {
        connected().publish(message.topic(), message.payload(), message.qos(), message.retained());
      } catch (MqttException e) {
        failures.inc();
        LOG.warn("could not publish to {}: {}", message.topic(), e.toString());
      }
    }

    private MqttClient connected() throws MqttException {
      if (client == null) {
        client = new MqttClient(settings.serverUri(), clientId, new MemoryPersistence());
      }
      if (!client.isConnected()) {
        MqttConnectOptions options = Paho.options(settings);
        options.setCleanSession(true);
        client.connect(options);
      }
      return client;
    }

    @Override
    public void flush(boolean endOfInput) {}

    @Override
    public void close() throws Exception {
      if (client != null) {
        if (client.isConnected()) {
          client.disconnect(2_000);
        }
        client.close();
      }
    }
  }
}
