package dev.forewarn.ingest.detection;

import dev.forewarn.ingest.detection.ReadingOrder.Position;
import dev.forewarn.rules.backtest.ReplayOrder;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.Types;

/**
 * The current device's place in its own sequence ({@link ReadingOrder.Position}) and the readings
 * held back behind a gap, in keyed state. Held readings are kept as their JSON payload, so the
 * state does not depend on how the {@link Reading} class serializes.
 */
final class DeviceQueue {

  /** Keyed state: last evaluated seq, which recent seqs were evaluated, last event time. */
  static final ValueStateDescriptor<long[]> POSITION =
      new ValueStateDescriptor<>(
          "reading-position", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);

  /**
   * Keyed state: seq to the payload of a reading held behind a gap; a reading without a seq is held
   * under a negative key made of its event time ({@link #key}).
   */
  static final MapStateDescriptor<Long, byte[]> HELD =
      new MapStateDescriptor<>(
          "held-readings", Types.LONG, PrimitiveArrayTypeInfo.BYTE_PRIMITIVE_ARRAY_TYPE_INFO);

  private final ValueState<long[]> position;
  private final MapState<Long, byte[]> held;

  DeviceQueue(ValueState<long[]> position, MapState<Long, byte[]> held) {
    this.position = position;
    this.held = held;
  }

  Position position() throws Exception {
    return Position.fromArray(position.value());
  }

  void moveTo(Position next) throws Exception {
    position.update(next.toArray());
  }

  /** Whether a reading with the same seq (or, without one, the same event time) is held. */
  boolean isHeld(Reading reading) throws Exception {
    return held.contains(key(reading));
  }

  void hold(Reading reading) throws Exception {
    held.put(key(reading), ReadingJson.write(reading));
  }

  /**
   * The key a reading is held under: its seq, or for a reading without one a negative number made
   * of its event time (every storable time fits: {@link Reading#EARLIEST} maps to {@code
   * Long.MIN_VALUE}), so it never meets a seq.
   */
  static long key(Reading reading) {
    return reading.hasSeq()
        ? reading.seq()
        : Long.MIN_VALUE + (reading.ts().toEpochMilli() - Reading.EARLIEST.toEpochMilli());
  }

  /** Removes and returns the held reading with this seq, or null. */
  Reading take(String deviceId, long seq) throws Exception {
    byte[] payload = held.get(seq);
    if (payload == null) {
      return null;
    }
    held.remove(seq);
    return ReadingJson.parse(deviceId, payload);
  }

  /**
   * Removes and returns the held readings at or before the watermark, in the device's own order: by
   * seq, a restarted counter's readings after the earlier ones ({@link ReplayOrder}, which the
   * backtester follows too).
   */
  List<Reading> releaseUpTo(String deviceId, long watermark) throws Exception {
    List<Reading> released = new ArrayList<>();
    if (held.isEmpty()) {
      return released;
    }
    List<Long> seqs = new ArrayList<>();
    for (Map.Entry<Long, byte[]> entry : held.entries()) {
      Reading reading = ReadingJson.parse(deviceId, entry.getValue());
      if (reading.ts().toEpochMilli() <= watermark) {
        released.add(reading);
        seqs.add(entry.getKey());
      }
    }
    for (Long seq : seqs) {
      held.remove(seq);
    }
    return ReplayOrder.sorted(released);
  }

  /** Event time (epoch ms) of the oldest held reading, or null when none is held. */
  Long earliestHeld(String deviceId) throws Exception {
    Long earliest = null;
    for (byte[] payload : held.values()) {
      long ts = ReadingJson.parse(deviceId, payload).ts().toEpochMilli();
      earliest = earliest == null ? ts : Math.min(earliest, ts);
    }
    return earliest;
  }

  /** Forgets the device's position and held readings (no rule watches it any more). */
  void clear() {
    position.clear();
    held.clear();
  }
}
