package dev.forewarn.outreach.console;

import dev.forewarn.outreach.cases.CaseView;
import dev.forewarn.outreach.cases.NotificationView;
import java.util.List;

/**
 * Where a case stands on the board, furthest step first: resolved (an agent closed it, or the
 * device came back within the rule), escalated to the agent queue, acknowledged by the customer,
 * notified (a message went out), or just open.
 */
enum Stage {
  OPEN("Open", "no message has gone out yet"),
  NOTIFIED("Notified", "the customer was told"),
  ACKNOWLEDGED("Acknowledged", "the customer has seen it"),
  ESCALATED("Escalated", "waiting for an agent"),
  RESOLVED("Resolved", "resolved or cleared");

  private final String label;
  private final String meaning;

  Stage(String label, String meaning) {
    this.label = label;
    this.meaning = meaning;
  }

  public String label() {
    return label;
  }

  public String meaning() {
    return meaning;
  }

  /** The lower-case name, as the page's CSS classes and data attributes use it. */
  public String key() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  static Stage of(CaseView c) {
    if (!"OPEN".equals(c.status())) {
      return RESOLVED;
    }
    if (c.escalatedAt() != null) {
      return ESCALATED;
    }
    if (c.acknowledgedAt() != null) {
      return ACKNOWLEDGED;
    }
    return notified(c.notifications()) ? NOTIFIED : OPEN;
  }

  private static boolean notified(List<NotificationView> notifications) {
    return notifications != null && notifications.stream().anyMatch(n -> "SENT".equals(n.status()));
  }
}
