package dev.forewarn.bench;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded stream of hostile MQTT telemetry messages mixed with valid readings, each with what the
 * job must make of it, written down here from docs/contracts.md rather than asked of the parser.
 * The same seed gives the same stream.
 *
 * <p>A refused payload goes to a telemetry topic of its own ({@code
 * devices/<prefix>r<n>/telemetry}), so its dead letter can be told apart from every other; valid
 * readings come from a pool of devices with their own seq and clock, some sent twice or swapped
 * with the next; a few unknown devices with odd characters in their ids, and devices whose clocks
 * stand centuries away, send one valid reading each. Messages the broker itself must refuse (larger
 * than its {@code max_packet_size}, or a topic with a control character) go on a connection of
 * their own each, marked {@link Fuzz#ownConnection}.
 */
final class FuzzPayloads {

  /** What the job must do with a message. */
  enum Outcome {
    /** Stored in history once (a point of its device and time), no dead letter. */
    STORED,
    /** An exact copy of a reading just sent: no new point, no dead letter. */
    DUPLICATE,
    /**
     * Exactly one dead letter, nothing stored (a character of the topic that the job's MQTT client
     * cannot read is {@code #} in the dead letter's topic).
     */
    REFUSED,
    /** A topic the job does not subscribe to: nothing at all. */
    UNSEEN,
    /**
     * Refused by the broker (the connection is closed); should the broker pass it, the job must
     * make one dead letter of it.
     */
    BROKER_REFUSED
  }

  /**
   * One message.
   *
   * @param kind what is wrong (or right) with it, for the report
   * @param outcome what the job must do with it
   * @param device the device a stored reading is filed under; null for the others
   * @param ts the event time of a stored or duplicated reading, in milliseconds
   * @param ownConnection whether it must go on a connection of its own (the broker may close it)
   */
  record Fuzz(
      String kind,
      Outcome outcome,
      String topic,
      byte[] payload,
      String device,
      long ts,
      boolean ownConnection) {}

  /** Largest packet the broker takes (config/mosquitto/forewarn.conf, max_packet_size). */
  static final int BROKER_MAX_PACKET = 262_144;

  private static final int POOL = 20;
  private static final Instant PAST = Instant.parse("1700-01-01T00:00:00Z");
  private static final Instant FUTURE = Instant.parse("2200-01-01T00:00:00Z");
  private static final String[] ODD =
      new String[] {
        " ",
        "é",
        "日本",
        "'",
        "\"",
        "\\",
        ",",
        "=",
        "$",
        "%",
        "*",
        "?",
        ";",
        "<script>",
        "'; DROP TABLE telemetry; --",
        "\u202e",
        "a\\",
        "x y=z,w"
      };

  private final String prefix;
  private final Random random;
  private final Instant start;
  private final long[] poolSeq = new long[POOL];
  private final byte[][] poolLast = new byte[POOL][];
  private final List<Fuzz> out = new ArrayList<>();
  private int refusedIndex;
  private int oddIndex;

  private FuzzPayloads(String prefix, long seed, Instant start) {
    this.prefix = prefix;
    this.random = new Random(seed);
    this.start = start;
  }

  /**
   * At least {@code count} messages (a swap adds two), for devices whose ids start with {@code
   * prefix}; valid readings of the pool are a minute apart from {@code start}.
   */
  static List<Fuzz> generate(String prefix, long seed, int count, Instant start) {
    FuzzPayloads fuzz = new FuzzPayloads(prefix, seed, start);
    while (fuzz.out.size() < count) {
      fuzz.next();
    }
    return fuzz.out;
  }

  private record Weighted(int weight, Runnable make) {}

  private void next() {
    List<Weighted> kinds =
        List.of(
            new Weighted(30, () -> valid("valid", "")),
            new Weighted(4, () -> valid("extra-fields", extraFields())),
            new Weighted(2, () -> valid("huge-finite-numbers", "")),
            new Weighted(1, () -> valid("large-valid", largeField())),
            new Weighted(1, () -> valid("nested-500-valid", ",\"x\":" + nested(500))),
            new Weighted(4, this::duplicate),
            new Weighted(4, this::swapped),
            new Weighted(2, this::oddDevice),
            new Weighted(1, this::emojiDevice),
            new Weighted(1, this::noSeq),
            new Weighted(1, this::farClock),
            new Weighted(4, () -> refused("truncated", truncated())),
            new Weighted(3, () -> refused("garbage", garbage(1 + random.nextInt(64)))),
            new Weighted(2, () -> refused("one-byte", new byte[] {(byte) random.nextInt(256)})),
            new Weighted(2, () -> refused("invalid-utf8", invalidUtf8())),
            new Weighted(
                1, () -> refused("large-garbage", garbage(65_536 + random.nextInt(150_000)))),
            new Weighted(1, () -> refused("nested-5000", text(nestedReading(5_000)))),
            new Weighted(1, () -> refused("unclosed-nesting", text("[".repeat(100_000)))),
            new Weighted(3, () -> refused("non-finite", text(withMetric(nonFinite())))),
            new Weighted(4, () -> refused("wrong-type", text(wrongType()))),
            new Weighted(3, () -> refused("missing-field", text(missingField()))),
            new Weighted(2, () -> refused("device-id-differs", text(deviceIdDiffers()))),
            new Weighted(2, () -> refused("ts-out-of-range", text(tsOutOfRange()))),
            new Weighted(1, () -> refused("field-twice", text(fieldTwice()))),
            new Weighted(1, () -> refused("not-an-object", text(notAnObject()))),
            new Weighted(1, () -> refused("control-character", text(controlCharacter()))),
            new Weighted(1, this::emptyDeviceLevel),
            new Weighted(1, this::unseenTopic),
            new Weighted(1, this::oversize),
            new Weighted(1, this::controlInTopic));
    int total = kinds.stream().mapToInt(Weighted::weight).sum();
    int pick = random.nextInt(total);
    for (Weighted kind : kinds) {
      pick -= kind.weight();
      if (pick < 0) {
        kind.make().run();
        return;
      }
    }
  }

  // Valid readings of the pool.

  private void valid(String kind, String extra) {
    int device = random.nextInt(POOL);
    out.add(poolReading(kind, device, extra));
  }

  private Fuzz poolReading(String kind, int device, String extra) {
    long seq = ++poolSeq[device];
    Instant ts = start.plus(Duration.ofMinutes(seq));
    String metrics =
        kind.equals("huge-finite-numbers")
            ? "{\"temp\":"
                + pick(
                    "1.7976931348623157e308",
                    "-1.7e308",
                    "4.9e-324",
                    "1e-400",
                    "-0.0",
                    "123456789012345678901234567890",
                    "0")
                + "}"
            : "{\"temp\":" + (55 + random.nextInt(20)) + "." + random.nextInt(10) + "}";
    String body =
        "{\"ts\":\""
            + ts
            + "\",\"seq\":"
            + seq
            + ",\"model\":\"FZ-1\",\"metrics\":"
            + metrics
            + extra
            + "}";
    byte[] payload = text(body);
    poolLast[device] = payload;
    String id = poolDevice(device);
    return new Fuzz(kind, Outcome.STORED, topic(id), payload, id, ts.toEpochMilli(), false);
  }

  private void duplicate() {
    int device = random.nextInt(POOL);
    if (poolLast[device] == null) {
      valid("valid", "");
      return;
    }
    Instant ts = start.plus(Duration.ofMinutes(poolSeq[device]));
    String id = poolDevice(device);
    out.add(
        new Fuzz(
            "duplicate-seq",
            Outcome.DUPLICATE,
            topic(id),
            poolLast[device],
            id,
            ts.toEpochMilli(),
            false));
  }

  /** The next two readings of a device, the later one first. */
  private void swapped() {
    int device = random.nextInt(POOL);
    Fuzz first = poolReading("reordered-seq", device, "");
    Fuzz second = poolReading("reordered-seq", device, "");
    poolLast[device] = second.payload();
    out.add(second);
    out.add(first);
  }

  /** An unknown device whose id holds odd characters: one valid reading. */
  private void oddDevice() {
    String odd = ODD[oddIndex % ODD.length];
    String id = prefix + "o" + oddIndex++ + odd;
    if (random.nextInt(20) == 0) {
      id += "-" + "long".repeat(500);
    }
    Instant ts = start.plus(Duration.ofMinutes(1));
    String body = "{\"ts\":\"" + ts + "\",\"seq\":1,\"metrics\":{\"temp\":60}}";
    out.add(
        new Fuzz(
            "odd-device-id", Outcome.STORED, topic(id), text(body), id, ts.toEpochMilli(), false));
  }

  /**
   * A device whose id holds an emoji or fullwidth letters: valid UTF-8, which the broker passes on,
   * but which the job's MQTT client (Paho) cannot read, so the job refuses it. Paho will not send
   * it either: on a connection of its own.
   */
  private void emojiDevice() {
    String id = prefix + "r" + refusedIndex++ + pick("\uD83D\uDD25", "\uFF21\uFF22", "\uFFFD");
    out.add(
        new Fuzz(
            "emoji-device-id", Outcome.REFUSED, topic(id), text(reading(1, "")), null, 0, true));
  }

  /** A reading without seq (optional, docs/contracts.md) from a device of its own: stored. */
  private void noSeq() {
    String id = prefix + "s" + refusedIndex++;
    Instant ts = start.plus(Duration.ofMinutes(1));
    String body = "{\"ts\":\"" + ts + "\",\"metrics\":{\"temp\":60}}";
    out.add(
        new Fuzz("no-seq", Outcome.STORED, topic(id), text(body), id, ts.toEpochMilli(), false));
  }

  /**
   * A device whose clock stands in 1700 or 2200: inside what history could hold, but before the
   * earliest time a reading may have or far ahead of its arrival (docs/contracts.md, clock policy),
   * so a dead letter, on a topic of its own.
   */
  private void farClock() {
    boolean past = random.nextBoolean();
    Instant ts = (past ? PAST : FUTURE).plus(Duration.ofMinutes(random.nextInt(1000)));
    String body = "{\"ts\":\"" + ts + "\",\"seq\":1,\"model\":\"FZ-1\",\"metrics\":{\"temp\":60}}";
    refused(past ? "far-past-ts" : "far-future-ts", text(body));
  }

  // Refused payloads, each on a topic of its own.

  private void refused(String kind, byte[] payload) {
    String id = prefix + "r" + refusedIndex++;
    out.add(new Fuzz(kind, Outcome.REFUSED, topic(id), payload, null, 0, false));
  }

  private byte[] truncated() {
    byte[] whole = text(reading(random.nextInt(1000), extraFields()));
    return Arrays.copyOf(whole, random.nextInt(whole.length));
  }

  private byte[] garbage(int length) {
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    if (random.nextBoolean()) {
      // Printable garbage that looks like JSON.
      String alphabet = "{}[]\":,0123456789.eE-+ntrufalsNaI \\";
      for (int i = 0; i < length; i++) {
        bytes[i] = (byte) alphabet.charAt(Math.floorMod(bytes[i], alphabet.length()));
      }
      bytes[0] = (byte) (random.nextBoolean() ? '{' : bytes[0]);
    }
    return bytes;
  }

  /** A reading whose model, metric name or tag value holds bytes that are not UTF-8. */
  private byte[] invalidUtf8() {
    byte[][] bad = {
      {(byte) 0xFF},
      {(byte) 0xC3, 0x28},
      {(byte) 0xE2, (byte) 0x82},
      {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
      {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80}
    };
    byte[] chosen = bad[random.nextInt(bad.length)];
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    String ts = start.plus(Duration.ofMinutes(1)).toString();
    int where = random.nextInt(3);
    bytes.writeBytes(text("{\"ts\":\"" + ts + "\",\"seq\":1,"));
    bytes.writeBytes(
        text(
            where == 0
                ? "\"model\":\"x"
                : where == 1 ? "\"metrics\":{\"t" : "\"tags\":{\"site\":\"n"));
    bytes.writeBytes(chosen);
    bytes.writeBytes(
        text(
            where == 0
                ? "\",\"metrics\":{\"temp\":1}}"
                : where == 1 ? "\":1}}" : "\"},\"metrics\":{\"temp\":1}}"));
    return bytes.toByteArray();
  }

  private String nestedReading(int depth) {
    return reading(1, ",\"x\":" + nested(depth));
  }

  private String nested(int depth) {
    boolean arrays = random.nextBoolean();
    if (arrays) {
      return "[".repeat(depth) + "1" + "]".repeat(depth);
    }
    return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
  }

  private String nonFinite() {
    return pick("NaN", "Infinity", "-Infinity", "1e400", "-1e400", "\"NaN\"", "null", "true");
  }

  private String withMetric(String value) {
    return "{\"ts\":\"" + start + "\",\"seq\":1,\"metrics\":{\"temp\":" + value + "}}";
  }

  private String wrongType() {
    String ts = "\"" + start + "\"";
    return pick(
        "{\"ts\":1764000000000,\"seq\":1,\"metrics\":{\"temp\":1}}",
        "{\"ts\":" + ts + ",\"seq\":\"1\",\"metrics\":{\"temp\":1}}",
        "{\"ts\":" + ts + ",\"seq\":1.5,\"metrics\":{\"temp\":1}}",
        "{\"ts\":" + ts + ",\"seq\":-1,\"metrics\":{\"temp\":1}}",
        "{\"ts\":" + ts + ",\"seq\":99999999999999999999,\"metrics\":{\"temp\":1}}",
        "{\"ts\":" + ts + ",\"seq\":1,\"metrics\":[1,2]}",
        "{\"ts\":" + ts + ",\"seq\":1,\"metrics\":{\"temp\":\"hot\"}}",
        "{\"ts\":" + ts + ",\"seq\":1,\"model\":42,\"metrics\":{\"temp\":1}}",
        "{\"ts\":" + ts + ",\"seq\":1,\"metrics\":{\"temp\":1},\"tags\":{\"site\":3}}",
        "{\"ts\":" + ts + ",\"seq\":1,\"metrics\":{\"temp\":1},\"tags\":[\"a\"]}",
        "{\"ts\":[],\"seq\":1,\"metrics\":{\"temp\":1}}",
        "{\"ts\":" + ts + ",\"seq\":1,\"metrics\":{\"temp\":{\"v\":1}}}");
  }

  private String missingField() {
    String ts = "\"ts\":\"" + start + "\"";
    return pick(
        "{\"seq\":1,\"metrics\":{\"temp\":1}}",
        "{" + ts + ",\"seq\":1}",
        "{" + ts + ",\"seq\":1,\"metrics\":{}}",
        "{}",
        "{" + ts + ",\"seq\":1,\"metrics\":{\"\":1}}");
  }

  private String deviceIdDiffers() {
    return "{\"deviceId\":\""
        + pick("someone-else", prefix + "v0", " ", "")
        + "\",\"ts\":\""
        + start
        + "\",\"seq\":1,\"metrics\":{\"temp\":1}}";
  }

  private String tsOutOfRange() {
    return "{\"ts\":\""
        + pick(
            "1500-01-01T00:00:00Z",
            "1677-09-21T00:00:00Z",
            "2262-04-12T00:00:00Z",
            "+10000-01-01T00:00:00Z",
            "-0001-01-01T00:00:00Z",
            "+999999999-12-31T23:59:59Z",
            "2026-11-22T10:00:00",
            "2026-13-01T00:00:00Z",
            "yesterday",
            "")
        + "\",\"seq\":1,\"metrics\":{\"temp\":1}}";
  }

  private String fieldTwice() {
    String ts = "\"ts\":\"" + start + "\"";
    return pick(
        "{" + ts + "," + ts + ",\"seq\":1,\"metrics\":{\"temp\":1}}",
        "{" + ts + ",\"seq\":1,\"seq\":2,\"metrics\":{\"temp\":1}}",
        "{" + ts + ",\"seq\":1,\"metrics\":{\"temp\":1,\"temp\":2}}");
  }

  private String notAnObject() {
    return pick(
        "[" + reading(1, "") + "]",
        "\"reading\"",
        "42",
        "null",
        "true",
        reading(1, "") + "{}",
        reading(1, "") + " x");
  }

  private String controlCharacter() {
    String ts = "\"ts\":\"" + start + "\",\"seq\":1";
    return pick(
        "{" + ts + ",\"model\":\"a\\u0000b\",\"metrics\":{\"temp\":1}}",
        "{" + ts + ",\"model\":\"a\\nb\",\"metrics\":{\"temp\":1}}",
        "{" + ts + ",\"metrics\":{\"te\\tmp\":1}}",
        "{" + ts + ",\"metrics\":{\"temp\":1},\"tags\":{\"s\":\"\\u001b[31m\"}}",
        "{" + ts + ",\"model\":\"a\u0001b\",\"metrics\":{\"temp\":1}}");
  }

  /** {@code devices//telemetry}: the subscription matches, the topic names no device. */
  private void emptyDeviceLevel() {
    out.add(
        new Fuzz(
            "empty-device-level",
            Outcome.REFUSED,
            "devices//telemetry",
            text(reading(1, "")),
            null,
            0,
            false));
  }

  /** Topics outside {@code devices/+/telemetry}: the job never sees them. */
  private void unseenTopic() {
    String id = prefix + "u" + refusedIndex++;
    String topic =
        pick(
            "devices/" + id + "/telemetry/extra",
            "devices/" + id,
            "Devices/" + id + "/telemetry",
            "devices/" + id + "/x/telemetry",
            "/devices/" + id + "/telemetry",
            "devices/" + id + "/telemetry ");
    out.add(
        new Fuzz(
            "unsubscribed-topic", Outcome.UNSEEN, topic, text(reading(1, "")), null, 0, false));
  }

  /** Several megabytes: more than the broker takes. */
  private void oversize() {
    String id = prefix + "r" + refusedIndex++;
    int size = BROKER_MAX_PACKET + 1 + random.nextInt(4_000_000);
    byte[] payload = text(reading(1, ",\"blob\":\"" + "x".repeat(size) + "\""));
    out.add(new Fuzz("several-mb", Outcome.BROKER_REFUSED, topic(id), payload, null, 0, true));
  }

  /** A control character or a noncharacter in the topic's device level. */
  private void controlInTopic() {
    String id =
        prefix + "r" + refusedIndex++ + pick("\n", "\u0001", "\t", "\u007f", "\u001b", "\uFFFF");
    out.add(
        new Fuzz(
            "control-in-topic",
            Outcome.BROKER_REFUSED,
            topic(id),
            text(reading(1, "")),
            null,
            0,
            true));
  }

  // Helpers.

  private String extraFields() {
    return pick(
        ",\"firmware\":\"1.2.3\"",
        ",\"nested\":{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}",
        ",\"battery\":0.93,\"rssi\":-71",
        ",\"tags\":{\"site\":\"north\",\"note\":\"<script>alert(1)</script>\"}",
        ",\"list\":[true,false,null,\"x\",1e10]");
  }

  private String largeField() {
    return ",\"notes\":\"" + "n".repeat(10_000 + random.nextInt(190_000)) + "\"";
  }

  private String reading(long seq, String extra) {
    return "{\"ts\":\""
        + start.plus(Duration.ofMinutes(seq))
        + "\",\"seq\":"
        + seq
        + ",\"model\":\"FZ-1\",\"metrics\":{\"temp\":60}"
        + extra
        + "}";
  }

  @SafeVarargs
  private <T> T pick(T... choices) {
    return choices[random.nextInt(choices.length)];
  }

  private String poolDevice(int device) {
    return prefix + "v" + device;
  }

  private static String topic(String device) {
    return "devices/" + device + "/telemetry";
  }

  private static byte[] text(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
