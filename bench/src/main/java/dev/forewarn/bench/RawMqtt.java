package dev.forewarn.bench;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A device that speaks MQTT 3.1.1 by hand, for what a well-behaved client library will not send:
 * Paho 1.2.5 refuses a topic with a character outside the Basic Multilingual Plane (an emoji) and
 * drops its own connection over it, but any other device may send one. Connects with a clean
 * session, publishes one QoS 1 message, and says whether the broker acknowledged it.
 */
final class RawMqtt {

  private static final int TIMEOUT_MS = 10_000;

  private RawMqtt() {}

  /**
   * @param mqttUrl {@code tcp://host:port}
   * @return true when the broker answered the PUBLISH with its PUBACK, false when it refused the
   *     connection, closed it or did not answer in 10 s
   */
  static boolean publish(String mqttUrl, String clientId, String topic, byte[] payload)
      throws IOException {
    URI uri = URI.create(mqttUrl);
    try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
      socket.setSoTimeout(TIMEOUT_MS);
      OutputStream out = socket.getOutputStream();
      DataInputStream in = new DataInputStream(socket.getInputStream());
      ByteArrayOutputStream connect = new ByteArrayOutputStream();
      string(connect, "MQTT".getBytes(StandardCharsets.US_ASCII));
      connect.write(4); // protocol level 3.1.1
      connect.write(0x02); // clean session
      connect.write(0);
      connect.write(60); // keep alive, seconds
      string(connect, clientId.getBytes(StandardCharsets.UTF_8));
      packet(out, 0x10, connect.toByteArray());
      if (in.readUnsignedByte() != 0x20 || in.readUnsignedByte() != 2) {
        return false;
      }
      in.readUnsignedByte();
      if (in.readUnsignedByte() != 0) {
        return false;
      }
      ByteArrayOutputStream publish = new ByteArrayOutputStream();
      string(publish, topic.getBytes(StandardCharsets.UTF_8));
      publish.write(0);
      publish.write(1); // packet id 1
      publish.write(payload);
      packet(out, 0x32, publish.toByteArray());
      boolean acknowledged =
          in.readUnsignedByte() == 0x40
              && in.readUnsignedByte() == 2
              && in.readUnsignedByte() == 0
              && in.readUnsignedByte() == 1;
      packet(out, 0xE0, new byte[0]);
      return acknowledged;
    } catch (IOException e) {
      // closed by the broker, or no answer: refused
      return false;
    }
  }

  private static void string(ByteArrayOutputStream out, byte[] bytes) {
    out.write(bytes.length >> 8);
    out.write(bytes.length & 0xFF);
    out.writeBytes(bytes);
  }

  private static void packet(OutputStream out, int header, byte[] body) throws IOException {
    ByteArrayOutputStream packet = new ByteArrayOutputStream(body.length + 5);
    packet.write(header);
    int length = body.length;
    do {
      int digit = length % 128;
      length /= 128;
      packet.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    packet.writeBytes(body);
    out.write(packet.toByteArray());
    out.flush();
  }
}
