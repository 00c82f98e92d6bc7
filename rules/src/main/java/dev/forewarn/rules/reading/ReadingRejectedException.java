package dev.forewarn.rules.reading;

/** A telemetry payload was refused; the message names the field and the reason. */
public final class ReadingRejectedException extends RuntimeException {

  private final String field;
  private final String reason;

  public ReadingRejectedException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  /** JSON path of the offending field, or {@code $} for the payload as a whole. */
  public String field() {
    return field;
  }

  /** Why it was refused. */
  public String reason() {
    return reason;
  }
}
