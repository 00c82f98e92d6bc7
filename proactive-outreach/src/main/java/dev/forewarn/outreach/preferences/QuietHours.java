package dev.forewarn.outreach.preferences;

import com.fasterxml.jackson.annotation.JsonFormat;
import dev.forewarn.rules.document.Severity;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A daily window, in the customer's own time zone, in which proactive messages wait. A window whose
 * end is before its start runs over midnight (22:00-07:00).
 *
 * @param start local time the window opens
 * @param end local time it closes
 * @param criticalOverrides whether critical cases are sent anyway
 */
public record QuietHours(
    @JsonFormat(pattern = "HH:mm") LocalTime start,
    @JsonFormat(pattern = "HH:mm") LocalTime end,
    boolean criticalOverrides) {

  public QuietHours {
    if (start == null || end == null) {
      throw new IllegalArgumentException("quiet hours need both start and end, e.g. 22:00");
    }
  }

  /** When a message due now may leave; empty when it may leave now. */
  public Optional<Instant> deferUntil(Instant now, ZoneId zone, Severity severity) {
    if (start.equals(end) || (criticalOverrides && severity == Severity.CRITICAL)) {
      return Optional.empty();
    }
    ZonedDateTime local = now.atZone(zone);
    LocalTime time = local.toLocalTime();
    boolean overMidnight = end.isBefore(start);
    boolean inside =
        overMidnight
            ? !time.isBefore(start) || time.isBefore(end)
            : !time.isBefore(start) && time.isBefore(end);
    if (!inside) {
      return Optional.empty();
    }
    ZonedDateTime until = local.with(end).withSecond(0).withNano(0);
    if (!until.isAfter(local)) {
      until = until.plusDays(1);
    }
    return Optional.of(until.toInstant());
  }
}
