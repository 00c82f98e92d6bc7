package dev.forewarn.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;
import javax.net.SocketFactory;
import org.junit.jupiter.api.Test;

class BufferedSocketsTest {

  @Test
  void buffersPlainTcpOnly() {
    assertThat(BufferedSockets.forUri("tcp://127.0.0.1:11883")).isPresent();
    assertThat(BufferedSockets.forUri("TCP://broker:1883")).isPresent();
    assertThat(BufferedSockets.forUri("ssl://broker:8883")).isEmpty();
    assertThat(BufferedSockets.forUri("ws://broker:80/mqtt")).isEmpty();
  }

  @Test
  void anUnconnectedSocketConnectsAndHandsOutOneBufferedStreamThatReadsEveryByte()
      throws Exception {
    SocketFactory factory = BufferedSockets.forUri("tcp://127.0.0.1:1").orElseThrow();
    // MQTT packets, as the broker sends them: about 200 KB of them.
    ByteArrayOutputStream packets = new ByteArrayOutputStream();
    for (int i = 0; packets.size() < 200_000; i++) {
      packets.writeBytes(
          i % 10 == 0
              ? new byte[] {0x40, 0x02, 0x00, 0x01}
              : ReadableTopicsTest.publish("devices/d" + i + "/telemetry", "x".repeat(i % 300)));
    }
    byte[] sent = packets.toByteArray();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket socket = factory.createSocket()) {
      CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> send(server, sent));
      socket.connect(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()));
      InputStream input = socket.getInputStream();

      assertThat(input).isInstanceOf(ReadableTopics.class);
      assertThat(socket.getInputStream()).isSameAs(input);
      byte[] received = new byte[sent.length];
      for (int i = 0; i < received.length; i++) {
        received[i] = (byte) input.read(); // a byte at a time, as Paho reads headers
      }
      assertThat(received).isEqualTo(sent);
      assertThat(input.read()).isEqualTo(-1);
      peer.join();
    }
  }

  private static void send(ServerSocket server, byte[] bytes) {
    try (Socket peer = server.accept();
        OutputStream output = peer.getOutputStream()) {
      output.write(bytes);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
