package dev.forewarn.rules.condition;

import java.io.ByteArrayOutputStream;
import java.time.Instant;

/**
 * The primitives of every state's bytes. Zigzag variable-length integers, seven bits a byte: small
 * numbers of either sign take one byte, an epoch second five. Keeps per device-rule state to a few
 * dozen bytes.
 */
public final class Varints {

  private Varints() {}

  public static void write(ByteArrayOutputStream out, long value) {
    long zigzag = (value << 1) ^ (value >> 63);
    while ((zigzag & ~0x7FL) != 0) {
      out.write((int) ((zigzag & 0x7F) | 0x80));
      zigzag >>>= 7;
    }
    out.write((int) zigzag);
  }

  /** Eight bytes, big-endian, of the double's bits: exact, NaN included. */
  public static void writeDouble(ByteArrayOutputStream out, double value) {
    long bits = Double.doubleToRawLongBits(value);
    for (int shift = 56; shift >= 0; shift -= 8) {
      out.write((int) (bits >>> shift) & 0xFF);
    }
  }

  /** An instant as its epoch second and nanosecond varints; nothing for null. */
  public static void writeInstant(ByteArrayOutputStream out, Instant instant) {
    if (instant != null) {
      write(out, instant.getEpochSecond());
      write(out, instant.getNano());
    }
  }

  /** Reads what {@link #write} wrote, refusing truncated or overlong input. */
  public static final class Reader {
    private final byte[] bytes;
    private int position;

    public Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    public int readByte() {
      if (position >= bytes.length) {
        throw new IllegalArgumentException(
            "rule state: truncated after " + bytes.length + " bytes");
      }
      return bytes[position++] & 0xFF;
    }

    public long readVarint() {
      long zigzag = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        int b = readByte();
        zigzag |= (long) (b & 0x7F) << shift;
        if ((b & 0x80) == 0) {
          return (zigzag >>> 1) ^ -(zigzag & 1);
        }
      }
      throw new IllegalArgumentException("rule state: varint longer than 10 bytes");
    }

    public double readDouble() {
      long bits = 0;
      for (int i = 0; i < 8; i++) {
        bits = (bits << 8) | readByte();
      }
      return Double.longBitsToDouble(bits);
    }

    /** A varint that must fit in an int from {@code least} up. */
    public int readInt(int least, String what) {
      long value = readVarint();
      if (value < least || value > Integer.MAX_VALUE) {
        throw new IllegalArgumentException("rule state: " + what + " out of range " + value);
      }
      return (int) value;
    }

    /** A double that must be finite. */
    public double readFinite() {
      double value = readDouble();
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("rule state: not a finite number " + value);
      }
      return value;
    }

    /** A length from {@code least} to {@code most}, against hostile lengths. */
    public int readLength(int least, int most, String what) {
      int length = readInt(least, what);
      if (length > most) {
        throw new IllegalArgumentException("rule state: " + what + " out of range " + length);
      }
      return length;
    }

    /** What {@link #writeInstant} wrote for a present instant. */
    public Instant readInstant() {
      long seconds = readVarint();
      long nanos = readVarint();
      try {
        return Instant.ofEpochSecond(seconds, nanos);
      } catch (RuntimeException e) {
        throw new IllegalArgumentException("rule state: instant out of range", e);
      }
    }

    public void requireEnd() {
      if (position != bytes.length) {
        throw new IllegalArgumentException(
            "rule state: " + (bytes.length - position) + " unexpected trailing bytes");
      }
    }
  }
}
