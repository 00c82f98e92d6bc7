package dev.forewarn.simulator.mqtt;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.paho.client.mqttv3.IMqttAsyncClient;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fleet's MQTT connections and its retained status. A small fleet gets one connection per
 * device, each with the last will {@code {"state":"offline"}} on its own {@code
 * devices/{id}/status}, as real devices do. A large fleet shares one connection: a will names one
 * topic only, so the shared connection's will goes to {@code forewarn/simulator/{clientId}/status}
 * and covers the fleet as a whole; devices are still marked offline one by one on a clean stop.
 */
public final class FleetConnections implements AutoCloseable {

  /** Retained status payload of a device that is connected. */
  public static final String ONLINE_JSON = "{\"state\":\"online\"}";

  /** Retained status payload, and last will, of a device that is not. */
  public static final String OFFLINE_JSON = "{\"state\":\"offline\"}";

  private static final byte[] ONLINE = ONLINE_JSON.getBytes(StandardCharsets.UTF_8);
  private static final byte[] OFFLINE = OFFLINE_JSON.getBytes(StandardCharsets.UTF_8);

  private static final Logger LOG = LoggerFactory.getLogger(FleetConnections.class);
  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

  private final List<IMqttAsyncClient> clients;
  private final List<String> deviceIds;
  private final Optional<String> fleetTopic;
  private final PublishWindow window;
  private final Tally statusTally = new Tally();
  private final BitSet online = new BitSet();

  private FleetConnections(
      List<IMqttAsyncClient> clients,
      List<String> deviceIds,
      Optional<String> fleetTopic,
      PublishWindow window) {
    this.clients = clients;
    this.deviceIds = List.copyOf(deviceIds);
    this.fleetTopic = fleetTopic;
    this.window = window;
  }

  /** The status topic of a device. */
  public static String statusTopic(String deviceId) {
    return "devices/" + deviceId + "/status";
  }

  /** The status topic of a fleet that shares one connection, named after its client id. */
  public static String fleetStatusTopic(String clientId) {
    return "forewarn/simulator/" + clientId + "/status";
  }

  /**
   * Connects the fleet and publishes every device's retained online status.
   *
   * @throws MqttException when the broker cannot be reached or refuses a connection
   */
  public static FleetConnections open(
      MqttSettings settings, List<String> deviceIds, PublishWindow window)
      throws MqttException, InterruptedException {
    boolean perDevice = settings.connectionPerDevice(deviceIds.size());
    Optional<String> fleetTopic =
        perDevice ? Optional.empty() : Optional.of(fleetStatusTopic(settings.clientId()));
    List<IMqttAsyncClient> clients = new ArrayList<>();
    List<IMqttToken> connecting = new ArrayList<>();
    try {
      if (perDevice) {
        for (String deviceId : deviceIds) {
          connect(
              settings,
              settings.clientId() + "-" + deviceId,
              statusTopic(deviceId),
              clients,
              connecting);
        }
      } else {
        connect(settings, settings.clientId(), fleetTopic.orElseThrow(), clients, connecting);
      }
      for (IMqttToken token : connecting) {
        token.waitForCompletion();
      }
    } catch (MqttException e) {
      closeQuietly(clients);
      throw e;
    }
    FleetConnections connections = new FleetConnections(clients, deviceIds, fleetTopic, window);
    connections.announceOnline();
    LOG.info(
        "connected url={} connections={} devices={} last_will={}",
        settings.url(),
        clients.size(),
        deviceIds.size(),
        perDevice ? "per device" : "fleet");
    return connections;
  }

  /** The connection that carries a device's messages. */
  public IMqttAsyncClient clientFor(int deviceIndex) {
    return clients.size() == 1 ? clients.get(0) : clients.get(deviceIndex);
  }

  /** Marks a device offline (retained), as its will would when it disappears. */
  public void offline(int deviceIndex) throws InterruptedException {
    if (online.get(deviceIndex)) {
      online.clear(deviceIndex);
      String topic = statusTopic(deviceIds.get(deviceIndex));
      window.publish(clientFor(deviceIndex), topic, OFFLINE, 1, true, statusTally);
    }
  }

  /** Status messages acknowledged and failed. */
  public Tally statusTally() {
    return statusTally;
  }

  /**
   * Marks the remaining devices offline, waits for the broker's acknowledgements, disconnects. A
   * broker that stopped acknowledging gets one short wait, not one per device.
   */
  @Override
  public void close() throws InterruptedException {
    boolean stalled = false;
    for (int i = online.nextSetBit(0); i >= 0 && !stalled; i = online.nextSetBit(i + 1)) {
      stalled = !sendOffline(clientFor(i), statusTopic(deviceIds.get(i)));
    }
    if (!stalled && fleetTopic.isPresent()) {
      stalled = !sendOffline(clients.get(0), fleetTopic.get());
    }
    if (stalled) {
      LOG.warn("broker not acknowledging: devices left without an offline status");
    }
    online.clear();
    if (!window.awaitEmpty(CLOSE_TIMEOUT)) {
      LOG.warn("closing with {} messages still unacknowledged", window.inFlight());
    }
    closeQuietly(clients);
  }

  private boolean sendOffline(IMqttAsyncClient client, String topic) throws InterruptedException {
    return window.tryPublish(client, topic, OFFLINE, 1, true, statusTally, CLOSE_WAIT);
  }

  private void announceOnline() throws InterruptedException {
    if (fleetTopic.isPresent()) {
      window.publish(clients.get(0), fleetTopic.get(), ONLINE, 1, true, statusTally);
    }
    for (int i = 0; i < deviceIds.size(); i++) {
      online.set(i);
      window.publish(clientFor(i), statusTopic(deviceIds.get(i)), ONLINE, 1, true, statusTally);
    }
  }

  private static void connect(
      MqttSettings settings,
      String clientId,
      String willTopic,
      List<IMqttAsyncClient> clients,
      List<IMqttToken> connecting)
      throws MqttException {
    // In-memory persistence: Paho's default writes every QoS 1 message to a file first.
    MqttAsyncClient client = new MqttAsyncClient(settings.url(), clientId, new MemoryPersistence());
    MqttConnectOptions options = new MqttConnectOptions();
    options.setCleanSession(true);
    options.setAutomaticReconnect(true);
    options.setConnectionTimeout(10);
    options.setKeepAliveInterval(30);
    options.setMaxInflight(settings.maxInflight());
    options.setWill(willTopic, OFFLINE, 1, true);
    clients.add(client);
    connecting.add(client.connect(options));
  }

  private static void closeQuietly(List<IMqttAsyncClient> clients) {
    for (IMqttAsyncClient client : clients) {
      try {
        if (client.isConnected()) {
          client.disconnect(CLOSE_TIMEOUT.toMillis()).waitForCompletion(CLOSE_TIMEOUT.toMillis());
        }
        client.close();
      } catch (MqttException e) {
        LOG.warn("disconnect failed client_id={} reason={}", client.getClientId(), e.toString());
      }
    }
  }
}
