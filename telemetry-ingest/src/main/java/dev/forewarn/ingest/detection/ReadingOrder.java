package dev.forewarn.ingest.detection;

import dev.forewarn.rules.reading.Reading;
import java.util.ArrayList;
import java.util.List;

/**
 * Decides, per device, when a reading may be evaluated, from the device's own sequence numbers.
 *
 * <p>A reading whose {@code seq} follows the last evaluated one directly cannot have an earlier
 * reading still in flight, so it is evaluated at once: an in-order device pays no event-time delay.
 * The first reading of a device the job knows nothing of yet is held like one after a gap: after a
 * start with a backlog, several source readers may hand over a device's later readings first. A
 * reading after a gap is held until the watermark passes its event time (the bounded
 * out-of-orderness of the job) or until the gap fills, so that readings reordered on the way (for
 * example spread over several source readers by a shared subscription) are still evaluated in
 * order. A reading at or below the last evaluated seq is a duplicate when that seq was evaluated
 * recently, late otherwise; a lower seq with a newer event time means the device restarted its
 * counter and is taken as the next reading.
 *
 * <p>A reading without a seq ({@link Reading#NO_SEQ}) is identified by its event time: nothing
 * proves that no earlier one is still in flight, so it is always held until the watermark passes it
 * (and evaluated at once when it is already behind the watermark), and readings are then evaluated
 * in event-time order. The same event time again, among the last {@link #MEMORY} evaluated ones, is
 * a duplicate; a time at or before the last evaluated one is late.
 *
 * <p>Pure: the position is a value, the caller keeps it in state.
 */
final class ReadingOrder {

  /** How many evaluated sequence numbers below the last one are remembered for duplicates. */
  static final int MEMORY = 64;

  /** What to do with a reading. */
  enum Verdict {
    /** The next reading of the device: evaluate now. */
    NEXT,
    /**
     * A gap may precede it (or it is the first of the device): hold it until the watermark passes
     * it or the gap fills.
     */
    HOLD,
    /** The same seq was already evaluated (or is already held). */
    DUPLICATE,
    /** Older than what was evaluated and not a duplicate: arrived after its turn. */
    LATE
  }

  /**
   * Where a device stands: the last evaluated seq and event time, which of the {@link #MEMORY} seqs
   * up to it were evaluated (bit i stands for {@code lastSeq - i}), and the event times (epoch ms,
   * oldest first) of the last {@link #MEMORY} readings evaluated without a seq.
   */
  record Position(long lastSeq, long evaluated, long lastTsMillis, List<Long> unnumbered) {

    /** Before the first reading of a device. */
    static final Position NONE = new Position(-1, 0, Long.MIN_VALUE, List.of());

    Position {
      unnumbered = List.copyOf(unnumbered);
    }

    Position(long lastSeq, long evaluated, long lastTsMillis) {
      this(lastSeq, evaluated, lastTsMillis, List.of());
    }

    boolean isNone() {
      return lastSeq < 0;
    }

    long[] toArray() {
      long[] stored = new long[3 + unnumbered.size()];
      stored[0] = lastSeq;
      stored[1] = evaluated;
      stored[2] = lastTsMillis;
      for (int i = 0; i < unnumbered.size(); i++) {
        stored[3 + i] = unnumbered.get(i);
      }
      return stored;
    }

    static Position fromArray(long[] stored) {
      if (stored == null || stored.length < 3) {
        return NONE;
      }
      List<Long> unnumbered = new ArrayList<>(stored.length - 3);
      for (int i = 3; i < stored.length; i++) {
        unnumbered.add(stored[i]);
      }
      return new Position(stored[0], stored[1], stored[2], unnumbered);
    }
  }

  private ReadingOrder() {}

  /**
   * Classifies a reading that just arrived.
   *
   * @param position where the device stands
   * @param reading the reading
   * @param alreadyHeld whether a reading with the same seq is already held
   */
  static Verdict classify(Position position, Reading reading, boolean alreadyHeld) {
    if (alreadyHeld) {
      return Verdict.DUPLICATE;
    }
    if (!reading.hasSeq()) {
      long ts = reading.ts().toEpochMilli();
      if (position.unnumbered().contains(ts)) {
        return Verdict.DUPLICATE;
      }
      return ts <= position.lastTsMillis() ? Verdict.LATE : Verdict.HOLD;
    }
    if (position.isNone() || reading.seq() > position.lastSeq() + 1) {
      return Verdict.HOLD;
    }
    if (reading.seq() == position.lastSeq() + 1) {
      return Verdict.NEXT;
    }
    if (reading.ts().toEpochMilli() > position.lastTsMillis()) {
      return Verdict.NEXT;
    }
    return wasEvaluated(position, reading.seq()) ? Verdict.DUPLICATE : Verdict.LATE;
  }

  /** The position after evaluating a reading. */
  static Position after(Position position, Reading reading) {
    long ts = Math.max(position.lastTsMillis(), reading.ts().toEpochMilli());
    if (!reading.hasSeq()) {
      List<Long> unnumbered = new ArrayList<>(position.unnumbered());
      unnumbered.add(reading.ts().toEpochMilli());
      if (unnumbered.size() > MEMORY) {
        unnumbered.remove(0);
      }
      return new Position(position.lastSeq(), position.evaluated(), ts, unnumbered);
    }
    long seq = reading.seq();
    if (position.isNone() || seq <= position.lastSeq()) {
      // First reading, or a restarted counter: nothing below it is known.
      return new Position(seq, 1L, ts, position.unnumbered());
    }
    long shift = seq - position.lastSeq();
    long evaluated = shift >= MEMORY ? 1L : (position.evaluated() << shift) | 1L;
    return new Position(seq, evaluated, ts, position.unnumbered());
  }

  private static boolean wasEvaluated(Position position, long seq) {
    long distance = position.lastSeq() - seq;
    return distance >= 0 && distance < MEMORY && (position.evaluated() & (1L << distance)) != 0;
  }
}
