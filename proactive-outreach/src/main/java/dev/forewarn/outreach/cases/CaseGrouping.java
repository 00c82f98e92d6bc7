package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.templates.Step;
import dev.forewarn.outreach.timeline.Timeline;
import dev.forewarn.rules.document.Severity;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Puts a new case into the first message of another open case of the same customer while that
 * message has not been tried yet (it waits for the grouping window, quiet hours or a retry), so
 * several cases reach the customer as one message. The earlier case leads the thread.
 */
@Component
class CaseGrouping {

  private final JdbcClient jdbc;
  private final CaseThread thread;
  private final Timeline timeline;

  CaseGrouping(JdbcClient jdbc, CaseThread thread, Timeline timeline) {
    this.jdbc = jdbc;
    this.thread = thread;
    this.timeline = timeline;
  }

  /**
   * Joins the case to a waiting message of the customer; false when none waits. A case never joins
   * a message about a less severe case: that message may be held back (quiet hours) where this case
   * must not be.
   */
  boolean joinWaitingMessage(long caseId, long customerId, Severity severity) {
    Optional<Long> lead =
        jdbc.sql(
                "SELECT o.case_id FROM outbox o JOIN cases c ON c.id = o.case_id"
                    + " WHERE o.customer_id = :customerId AND o.step = 'opened'"
                    + " AND o.status = 'PENDING' AND o.attempts = 0 AND c.status = 'OPEN'"
                    + " AND c.group_lead IS NULL AND c.id <> :caseId"
                    + " AND array_position(ARRAY['INFO', 'WARNING', 'CRITICAL'], c.severity)"
                    + " >= array_position(ARRAY['INFO', 'WARNING', 'CRITICAL'], :severity)"
                    + " ORDER BY o.id LIMIT 1 FOR UPDATE OF o")
            .param("customerId", customerId)
            .param("severity", severity.name())
            .param("caseId", caseId)
            .query(Long.class)
            .optional();
    if (lead.isEmpty()) {
      return false;
    }
    jdbc.sql("UPDATE cases SET group_lead = :lead WHERE id = :id")
        .param("lead", lead.get())
        .param("id", caseId)
        .update();
    thread.rerenderWaiting(lead.get(), Step.OPENED.code());
    timeline.add(caseId, "GROUPED", "told together with case " + lead.get());
    timeline.add(lead.get(), "GROUPED", "case " + caseId + " joins this case's message");
    return true;
  }
}
