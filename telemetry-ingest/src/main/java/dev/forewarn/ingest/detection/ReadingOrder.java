package dev.forewarn.ingest.detection;

import dev.forewarn.rules.reading.Reading;

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
   * Where a device stands: the last evaluated seq and event time, and which of the {@link #MEMORY}
   * seqs up to it were evaluated (bit i stands for {@code lastSeq - i}).
   */
  record Position(long lastSeq, long evaluated, long lastTsMillis) {

    /** Before the first reading of a device. */
    static final Position NONE = new Position(-1, 0, Long.MIN_VALUE);

    boolean isNone() {
      return lastSeq < 0;
    }

    long[] toArray() {
      return new long[] {lastSeq, evaluated, lastTsMillis};
    }

    static Position fromArray(long[] stored) {
      return stored == null || stored.length != 3
          ? NONE
          : new Position(stored[0], stored[1], stored[2]);
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
    long seq = reading.seq();
    if (position.isNone() || seq <= position.lastSeq()) {
      // First reading, or a restarted counter: nothing below it is known.
      return new Position(seq, 1L, ts);
    }
    long shift = seq - position.lastSeq();
    long evaluated = shift >= MEMORY ? 1L : (position.evaluated() << shift) | 1L;
    return new Position(seq, evaluated, ts);
  }

  private static boolean wasEvaluated(Position position, long seq) {
    long distance = position.lastSeq() - seq;
    return distance >= 0 && distance < MEMORY && (position.evaluated() & (1L << distance)) != 0;
  }
}
