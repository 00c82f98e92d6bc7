package dev.forewarn.ingest.parse;

import java.util.Locale;

/**
 * What is wrong with a device's clock when a reading is refused for its time; kept with the dead
 * letter (column {@code clock}) so that the device's record can show it.
 */
public enum ClockProblem {
  /** The reading's time is further ahead of its arrival than the allowed skew. */
  AHEAD,
  /** The reading's time is before the earliest a reading may have (a clock reset to 1970). */
  BEFORE_EARLIEST,
  /** The reading's time is further behind the device's newest reading than the state lives. */
  WENT_BACK;

  /** The value stored in {@code dead_letters.clock}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
