package dev.forewarn.ingest.mqtt;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The broker's packets as Paho can read them: in every PUBLISH, each topic character that Paho
 * 1.2.5 refuses is replaced by {@code #} before Paho sees it; every other byte passes unchanged.
 *
 * <p>Paho checks each topic it receives and refuses control characters (C0 and C1), every character
 * from U+FDD0 up (fullwidth letters, U+FFFD) and every character outside the Basic Multilingual
 * Plane (it refuses both halves of a surrogate pair). Mosquitto forwards such a topic when it is
 * valid UTF-8, an emoji for instance. Paho's receiving thread then dies with an {@link
 * IllegalArgumentException}, the connection stops reading until its keep-alive times out, and after
 * the reconnect the broker delivers the same QoS 1 message again: one device publishing on {@code
 * devices/🔥/telemetry} would stop the job's telemetry for good. With the character replaced, the
 * message reaches the job, which refuses it as a dead letter. A {@code #} cannot be part of a topic
 * a client published to, so the replacement is never taken for a device id.
 *
 * <p>Works packet by packet: the fixed header, and for a PUBLISH the topic, are read and checked;
 * the rest of the packet streams through. A topic of printable ASCII (every device id in practice)
 * is passed on without decoding.
 */
public final class ReadableTopics extends InputStream {

  private static final int PUBLISH = 3;

  /** What replaces a character Paho refuses: a wildcard, which no published topic holds. */
  public static final char REPLACEMENT = '#';

  private final InputStream in;
  private byte[] pending = new byte[0];
  private int pendingAt;
  private long passThrough;

  ReadableTopics(InputStream in) {
    this.in = in;
  }

  @Override
  public int read() throws IOException {
    if (pendingAt == pending.length && passThrough == 0 && !nextPacket()) {
      return -1;
    }
    if (pendingAt < pending.length) {
      return pending[pendingAt++] & 0xFF;
    }
    int b = in.read();
    if (b < 0) {
      throw new EOFException("the connection ended inside a packet");
    }
    passThrough--;
    return b;
  }

  @Override
  public int read(byte[] buffer, int offset, int length) throws IOException {
    if (length == 0) {
      return 0;
    }
    if (pendingAt == pending.length && passThrough == 0 && !nextPacket()) {
      return -1;
    }
    if (pendingAt < pending.length) {
      int n = Math.min(length, pending.length - pendingAt);
      System.arraycopy(pending, pendingAt, buffer, offset, n);
      pendingAt += n;
      return n;
    }
    int n = in.read(buffer, offset, (int) Math.min(length, passThrough));
    if (n < 0) {
      throw new EOFException("the connection ended inside a packet");
    }
    passThrough -= n;
    return n;
  }

  @Override
  public int available() throws IOException {
    return pendingAt < pending.length
        ? pending.length - pendingAt
        : (int) Math.min(in.available(), passThrough);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  /** Reads the next packet's header (and a PUBLISH's topic) into {@link #pending}. */
  private boolean nextPacket() throws IOException {
    int header = in.read();
    if (header < 0) {
      return false;
    }
    long remaining = 0;
    int shift = 0;
    int digit;
    do {
      digit = readByte();
      remaining |= (long) (digit & 0x7F) << shift;
      shift += 7;
    } while ((digit & 0x80) != 0 && shift < 28);
    ByteArrayOutputStream head = new ByteArrayOutputStream(64);
    head.write(header);
    if (header >> 4 != PUBLISH || remaining < 2) {
      writeLength(head, remaining);
      passThrough = remaining;
    } else {
      int topicLength = readByte() << 8 | readByte();
      byte[] topic = in.readNBytes((int) Math.min(topicLength, remaining - 2));
      if (topic.length < topicLength) {
        throw new EOFException("the connection ended inside a topic");
      }
      byte[] readable = readable(topic);
      writeLength(head, remaining - topic.length + readable.length);
      head.write(readable.length >> 8);
      head.write(readable.length & 0xFF);
      head.writeBytes(readable);
      passThrough = remaining - 2 - topic.length;
    }
    pending = head.toByteArray();
    pendingAt = 0;
    return true;
  }

  /** A topic as the job reads it: each character Paho refuses written as {@link #REPLACEMENT}. */
  public static String asRead(String topic) {
    return new String(readable(topic.getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
  }

  /** The topic as Paho can read it: the same bytes, unless a character had to be replaced. */
  static byte[] readable(byte[] topic) {
    boolean printableAscii = true;
    for (byte b : topic) {
      if (b < 0x20 || b == 0x7F) { // bytes of multibyte characters are negative
        printableAscii = false;
        break;
      }
    }
    if (printableAscii) {
      return topic;
    }
    // Malformed bytes become U+FFFD, which Paho refuses too.
    String text = new String(topic, StandardCharsets.UTF_8);
    StringBuilder replaced = new StringBuilder(text.length());
    boolean changed = false;
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      if (refusedByPaho(c)) {
        replaced.append(REPLACEMENT);
        changed = true;
      } else {
        replaced.appendCodePoint(c);
      }
    }
    byte[] bytes = replaced.toString().getBytes(StandardCharsets.UTF_8);
    return changed || bytes.length != topic.length ? bytes : topic;
  }

  private static boolean refusedByPaho(int c) {
    return Character.isISOControl(c)
        || c >= 0xFDD0
        || (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE);
  }

  private int readByte() throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("the connection ended inside a packet header");
    }
    return b;
  }

  private static void writeLength(ByteArrayOutputStream out, long length) {
    long left = length;
    do {
      int digit = (int) (left % 128);
      left /= 128;
      out.write(left > 0 ? digit | 0x80 : digit);
    } while (left > 0);
  }
}
