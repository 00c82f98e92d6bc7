package dev.forewarn.demo;

import io.moquette.broker.Server;
import io.moquette.broker.config.MemoryConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The demo's MQTT broker: a local Mosquitto when one answers, otherwise Moquette in-process. At its
 * defaults Moquette keeps 1,024 messages per session and drops QoS 1 messages beyond that, so the
 * in-process broker gets a queue sized for the demo's rate; it keeps nothing on disk.
 */
final class MqttBroker implements AutoCloseable {

  /** Maximum QoS 1 messages queued per client session by the in-process broker. */
  static final int IN_PROCESS_SESSION_QUEUE = 200_000;

  private final String url;
  private final String description;
  private final Server embedded;

  private MqttBroker(String url, String description, Server embedded) {
    this.url = url;
    this.description = description;
    this.embedded = embedded;
  }

  /**
   * Uses the configured or a local broker when it answers, else starts one in-process.
   *
   * @param webPort the port the demo's web server is about to take, which an in-process broker must
   *     leave to it
   */
  static MqttBroker startOrFind(Optional<String> configuredUrl, int webPort) throws IOException {
    if (configuredUrl.isPresent()) {
      return new MqttBroker(configuredUrl.get(), "configured broker", null);
    }
    for (String candidate : List.of("tcp://127.0.0.1:11883", "tcp://127.0.0.1:1883")) {
      if (answers(URI.create(candidate))) {
        return new MqttBroker(candidate, "local Mosquitto", null);
      }
    }
    int port = freePortOtherThan(webPort);
    Properties props = new Properties();
    props.setProperty("host", "127.0.0.1");
    props.setProperty("port", Integer.toString(port));
    props.setProperty("websocket_port", "disabled");
    props.setProperty("allow_anonymous", "true");
    props.setProperty("persistence_enabled", "false");
    props.setProperty("session_queue_size", Integer.toString(IN_PROCESS_SESSION_QUEUE));
    props.setProperty("netty.mqtt.message_size", "262144");
    Server server = new Server();
    server.startServer(new MemoryConfig(props));
    return new MqttBroker(
        "tcp://127.0.0.1:" + port,
        "in-process Moquette (no Mosquitto found; session queue "
            + IN_PROCESS_SESSION_QUEUE
            + " messages, memory only)",
        server);
  }

  String url() {
    return url;
  }

  String description() {
    return description;
  }

  /** Whether the broker keeps what the run leaves on it (sessions, retained messages) after it. */
  boolean outlivesRun() {
    return embedded == null;
  }

  static boolean answers(URI uri) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 300);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A port free now, and not {@code taken}: a port the demo's web server will take only after the
   * broker and the database have started is free until then, and would be handed out again.
   */
  static int freePortOtherThan(int taken) throws IOException {
    while (true) {
      try (ServerSocket socket = new ServerSocket(0)) {
        if (socket.getLocalPort() != taken) {
          return socket.getLocalPort();
        }
      }
    }
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.stopServer();
    }
  }
}
