package dev.forewarn.rules.reading;

import java.time.Instant;
import java.util.Optional;

/** A telemetry payload was refused; the message names the field and the reason. */
public final class ReadingRejectedException extends RuntimeException {

  private final String field;
  private final String reason;
  private final transient Instant time;

  public ReadingRejectedException(String field, String reason) {
    this(field, reason, null);
  }

  /**
   * A refusal of a time the payload gave, which a caller that knows when the payload arrived may
   * want to explain better (a wrong clock, rather than a time history cannot hold).
   */
  public ReadingRejectedException(String field, String reason, Instant time) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
    this.time = time;
  }

  /** JSON path of the offending field, or {@code $} for the payload as a whole. */
  public String field() {
    return field;
  }

  /** Why it was refused. */
  public String reason() {
    return reason;
  }

  /** The refused time, when the refusal is of a time the payload gave. */
  public Optional<Instant> time() {
    return Optional.ofNullable(time);
  }
}
