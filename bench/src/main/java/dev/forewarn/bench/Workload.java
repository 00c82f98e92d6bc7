package dev.forewarn.bench;

import dev.forewarn.rules.reading.Reading;
import dev.forewarn.simulator.mqtt.RawPublisher.Message;
import dev.forewarn.simulator.mqtt.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmark's readings, prepared before publishing so that encoding stays out of the
 * measurement: about 200 bytes each in Forewarn JSON, round-robin over the devices, each device's
 * readings in event-time order, in the wire format of the run ({@link WireFormat}: a Sparkplug
 * device's first reading is its birth). Rules, stored points and case events name devices as the
 * job does ({@link #jobDeviceId}).
 */
final class Workload {

  static final String MODEL = "AC-200";

  /** The metric every reading carries (see {@link #message}), and its rule watches. */
  static final String METRIC = "compressor_temp_c";

  static final double NORMAL = 65.0;
  static final double BREACH = 95.0;
  static final double LEVEL = 90.0;
  static final double CLEAR_LEVEL = 80.0;

  private final String prefix;
  private final String rulesRoot;
  private final int devices;
  private final WireFormat wire;

  /** A workload of Forewarn JSON readings. */
  Workload(String run, int devices) {
    this(run, devices, WireFormat.Kind.JSON);
  }

  Workload(String run, int devices, WireFormat.Kind format) {
    this.prefix = "bench-" + run + "-";
    this.rulesRoot = "forewarn/bench/" + run + "/rules/";
    this.devices = devices;
    this.wire = new WireFormat(format);
  }

  WireFormat.Kind format() {
    return wire.kind();
  }

  String deviceId(int n) {
    return String.format("%s%05d", prefix, n);
  }

  /** The id the job gives device {@code n}. */
  String jobDeviceId(int n) {
    return wire.jobDeviceId(deviceId(n));
  }

  /** What every device id the job stores of this run starts with. */
  String devicePrefix() {
    return wire.jobDeviceId(prefix);
  }

  /**
   * {@code count} ordinary readings, one second of event time apart per device from {@code start},
   * each device's sequence numbers counting up from {@code firstSeq}.
   */
  List<Message> steady(int count, Instant start, long firstSeq) {
    List<Message> messages = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int device = i % devices;
      long round = i / devices;
      messages.add(
          message(device, firstSeq + round, start.plusSeconds(round), NORMAL + (i % 7) * 0.1));
    }
    return messages;
  }

  /**
   * Readings for a paced run: every {@code breachEvery}-th reading of a device breaches its rule,
   * and the next one clears it again.
   *
   * @param messages the readings, in publishing order
   * @param breaches index in {@code messages} of each breaching reading, by {@link #key}
   */
  record Paced(List<Message> messages, Map<String, Integer> breaches) {}

  /**
   * Readings for a run at {@code rate} per second from {@code start}, each stamped with its planned
   * publish time.
   *
   * @param firstSeq sequence number of each device's first reading here
   */
  Paced paced(int count, double rate, Instant start, long firstSeq, int breachEvery) {
    List<Message> messages = new ArrayList<>(count);
    Map<String, Integer> breaches = new HashMap<>();
    for (int i = 0; i < count; i++) {
      int device = i % devices;
      long round = i / devices;
      // Whole milliseconds: the database keeps microseconds, so the stored time matches exactly.
      Instant due = start.plusMillis(Math.round(i * 1000.0 / rate));
      boolean breach = (round + device) % breachEvery == 0;
      if (breach) {
        breaches.put(key(jobDeviceId(device), due), i);
      }
      messages.add(message(device, firstSeq + round, due, breach ? BREACH : NORMAL));
    }
    return new Paced(messages, breaches);
  }

  /** Names a reading by device and event time, as a case event names the reading that opened it. */
  static String key(String deviceId, Instant ts) {
    return deviceId + "|" + ts.toEpochMilli();
  }

  private Message message(int device, long seq, Instant ts, double temperature) {
    String id = deviceId(device);
    Reading reading =
        new Reading(
            id,
            ts,
            seq,
            MODEL,
            Map.of(
                "compressor_temp_c", temperature,
                "vibration_mm_s", 2.25,
                "ambient_temp_c", 21.5,
                "power_w", 1480.5,
                "fan_rpm", 1200.0));
    return wire.encode(reading);
  }

  /** One threshold rule per device: compressor above 90 °C opens at once, below 80 °C clears. */
  String ruleJson(int device) {
    return """
        {"id": "%srule-%d", "type": "threshold", "name": "Bench rule %d", "severity": "warning",
         "scope": {"deviceIds": ["%s"]}, "metric": "compressor_temp_c", "direction": "above",
         "level": %s, "clearLevel": %s, "sustainedFor": "PT0S", "minPoints": 1}
        """
        .formatted(prefix, device, device, jobDeviceId(device), LEVEL, CLEAR_LEVEL);
  }

  String ruleTopic(int device) {
    return rulesRoot + prefix + "rule-" + device;
  }

  /** The run's own rules topic, which its job reads: the rule id in place of the {@code +}. */
  String rulesTopic() {
    return rulesRoot + "+";
  }
}
