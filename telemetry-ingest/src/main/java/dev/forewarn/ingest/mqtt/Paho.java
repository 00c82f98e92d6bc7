package dev.forewarn.ingest.mqtt;

import java.util.function.Consumer;
import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;

/** Small adapters to Paho's API. */
final class Paho {

  private Paho() {}

  /**
   * MQTT 3.1.1, the session kind the settings ask for, no automatic reconnect, and buffered input
   * on plain TCP ({@link BufferedSockets}).
   */
  static MqttConnectOptions options(MqttSourceSettings settings) {
    MqttConnectOptions options = new MqttConnectOptions();
    options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
    options.setCleanSession(settings.cleanSession());
    // We reconnect ourselves: only our own connect reports whether the session survived, which
    // decides whether to subscribe.
    options.setAutomaticReconnect(false);
    options.setKeepAliveInterval(30);
    options.setConnectionTimeout(10);
    BufferedSockets.forUri(settings.serverUri()).ifPresent(options::setSocketFactory);
    if (!settings.username().isEmpty()) {
      options.setUserName(settings.username());
      options.setPassword(settings.password().toCharArray());
    }
    return options;
  }

  /** An action listener from two lambdas; Paho calls them on its own threads. */
  static IMqttActionListener listener(
      Consumer<IMqttToken> onSuccess, Consumer<Throwable> onFailure) {
    return new IMqttActionListener() {
      @Override
      public void onSuccess(IMqttToken token) {
        onSuccess.accept(token);
      }

      @Override
      public void onFailure(IMqttToken token, Throwable error) {
        onFailure.accept(error);
      }
    };
  }
}
