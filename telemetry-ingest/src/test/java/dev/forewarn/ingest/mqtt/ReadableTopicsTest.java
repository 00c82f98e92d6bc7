package dev.forewarn.ingest.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReadableTopicsTest {

  @Test
  void passesPacketsWithReadableTopicsByteForByte() throws IOException {
    byte[] stream =
        concat(
            publish("devices/ac-1 é日本/telemetry", "{\"seq\":1}"),
            new byte[] {0x40, 0x02, 0x00, 0x01}, // PUBACK
            publish("devices/ac-2/telemetry", "x".repeat(300)));

    assertThat(readAll(stream, 1)).isEqualTo(stream);
    assertThat(readAll(stream, 7)).isEqualTo(stream);
  }

  @Test
  void replacesEachCharacterPahoRefusesAndKeepsThePacketWhole() throws IOException {
    byte[] stream =
        concat(
            publish("devices/a\uD83D\uDD25\uFF21\uFFFD/telemetry", "{\"seq\":1}"),
            publish("devices/b/telemetry", "{\"seq\":2}"));

    byte[] expected =
        concat(
            publish("devices/a###/telemetry", "{\"seq\":1}"),
            publish("devices/b/telemetry", "{\"seq\":2}"));
    assertThat(readAll(stream, 1)).isEqualTo(expected);
    assertThat(readAll(stream, 4096)).isEqualTo(expected);
  }

  @Test
  void aTopicAsTheJobReadsIt() {
    assertThat(ReadableTopics.asRead("devices/🔥/telemetry")).isEqualTo("devices/#/telemetry");
    assertThat(ReadableTopics.asRead("devices/ac-1/telemetry")).isEqualTo("devices/ac-1/telemetry");
  }

  private static byte[] readAll(byte[] stream, int chunk) throws IOException {
    InputStream in = new ReadableTopics(new ByteArrayInputStream(stream));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[chunk];
    if (chunk == 1) {
      for (int b = in.read(); b >= 0; b = in.read()) {
        out.write(b);
      }
    } else {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        out.write(buffer, 0, n);
      }
    }
    return out.toByteArray();
  }

  /** A QoS 1 PUBLISH packet with packet id 1. */
  static byte[] publish(String topic, String payload) {
    byte[] name = topic.getBytes(StandardCharsets.UTF_8);
    byte[] body = payload.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream packet = new ByteArrayOutputStream();
    packet.write(0x32);
    int length = 2 + name.length + 2 + body.length;
    do {
      int digit = length % 128;
      length /= 128;
      packet.write(length > 0 ? digit | 0x80 : digit);
    } while (length > 0);
    packet.write(name.length >> 8);
    packet.write(name.length & 0xFF);
    packet.writeBytes(name);
    packet.write(0);
    packet.write(1);
    packet.writeBytes(body);
    return packet.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      all.writeBytes(part);
    }
    return all.toByteArray();
  }
}
