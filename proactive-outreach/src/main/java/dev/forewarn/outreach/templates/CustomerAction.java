package dev.forewarn.outreach.templates;

import java.util.List;
import java.util.Locale;

/**
 * What a customer can do about a case, on the page a message links to and by replying to the
 * message. Both ask {@link #forStatus} and {@link #offeredBy}, so a message never offers what its
 * page lacks, and the page never shows what its message did not offer.
 */
public enum CustomerAction {
  ACKNOWLEDGE,
  BOOK,
  SNOOZE,
  RATE;

  /** The path segment of the action's form on the case page ({@code /c/{token}/book}). */
  public String path() {
    return this == RATE ? "feedback" : name().toLowerCase(Locale.ROOT);
  }

  /** The actions a case in this status ({@code OPEN}, {@code CLEARED}, {@code RESOLVED}) offers. */
  public static List<CustomerAction> forStatus(String status) {
    return switch (status) {
      case "OPEN" -> List.of(BOOK, SNOOZE, ACKNOWLEDGE);
      case "CLEARED" -> List.of(BOOK, ACKNOWLEDGE);
      case "RESOLVED" -> List.of(RATE);
      default -> List.of();
    };
  }

  /** The actions a message of this step offers: those of the case in the state it is sent in. */
  public static List<CustomerAction> offeredBy(Step step) {
    return switch (step) {
      case OPENED, UPDATED, REMINDER -> forStatus("OPEN");
      case SURVEY -> forStatus("RESOLVED");
      case ALL_CLEAR -> List.of();
    };
  }
}
