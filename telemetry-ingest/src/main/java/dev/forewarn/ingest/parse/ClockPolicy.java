package dev.forewarn.ingest.parse;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Which event times a reading may carry, judged against when it arrived: a device whose clock was
 * reset (to 1970, say) or stamps far ahead would otherwise write history where no one looks, hold
 * its rules' state at a time the fleet never reaches, or look like it stopped reporting. Every
 * format is judged alike, at parsing; detection adds a clock that went back ({@link
 * ClockProblem#WENT_BACK}).
 *
 * @param maxFutureSkew how far ahead of its arrival a reading's time may be
 * @param earliest the earliest time a reading may have
 */
public record ClockPolicy(Duration maxFutureSkew, Instant earliest) implements Serializable {

  /** By default a reading may be 5 minutes ahead of its arrival. */
  public static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

  /** By default no reading may be from before 2000. */
  public static final Instant EARLIEST = Instant.parse("2000-01-01T00:00:00Z");

  /** The default policy. */
  public static final ClockPolicy DEFAULT = new ClockPolicy(MAX_FUTURE_SKEW, EARLIEST);

  public ClockPolicy {
    Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
    Objects.requireNonNull(earliest, "earliest");
  }

  /** A refused time: what is wrong with the device's clock, and the reason for the dead letter. */
  public record Refusal(ClockProblem problem, String reason) {}

  /**
   * Why {@code ts} cannot be a reading's time, if it cannot.
   *
   * @param field the field that gave the time, named first in the reason (such as {@code ts})
   * @param ts the reading's time
   * @param arrival when the message carrying it arrived
   */
  public Optional<Refusal> judge(String field, Instant ts, Instant arrival) {
    if (ts.isBefore(earliest)) {
      return Optional.of(
          new Refusal(
              ClockProblem.BEFORE_EARLIEST,
              field
                  + ": "
                  + ts
                  + " is before "
                  + earliest
                  + ", the earliest time a reading may have"));
    }
    Duration ahead = Duration.between(arrival, ts);
    if (ahead.compareTo(maxFutureSkew) > 0) {
      return Optional.of(
          new Refusal(
              ClockProblem.AHEAD,
              field
                  + ": "
                  + ts
                  + " is "
                  + Spans.approximate(ahead)
                  + " ahead of arrival at "
                  + arrival
                  + " (limit "
                  + Spans.exact(maxFutureSkew)
                  + ")"));
    }
    return Optional.empty();
  }

  /**
   * Why a reading at {@code ts} is refused because its device already sent one more than {@code
   * limit} later, if it is.
   */
  public static Optional<Refusal> wentBack(Instant ts, Instant newest, Duration limit) {
    Duration behind = Duration.between(ts, newest);
    if (behind.compareTo(limit) <= 0) {
      return Optional.empty();
    }
    return Optional.of(
        new Refusal(
            ClockProblem.WENT_BACK,
            "ts: "
                + ts
                + " is "
                + Spans.approximate(behind)
                + " behind the device's newest reading at "
                + newest
                + " (limit "
                + Spans.exact(limit)
                + "): its clock went back"));
  }
}
