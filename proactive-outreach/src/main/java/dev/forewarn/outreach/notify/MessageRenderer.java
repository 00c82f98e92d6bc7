package dev.forewarn.outreach.notify;

import dev.forewarn.rules.Severity;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The one place where customer messages get their words: a short plain SMS and an email with the
 * same content as text and HTML. Every message says which device, what is happening and what to do.
 */
@Component
public class MessageRenderer {

  /** A plain-language SMS, short enough for one or two segments with a typical summary. */
  public String sms(CaseNotice notice) {
    return "Forewarn: Hi "
        + notice.customerName()
        + ", "
        + notice.deviceLabel()
        + " needs attention. "
        + sentence(notice.summary())
        + " "
        + advice(notice.severity())
        + " Case #"
        + notice.caseId();
  }

  public RenderedEmail email(CaseNotice notice) {
    String subject =
        (notice.severity() == Severity.CRITICAL ? "Urgent: " : "")
            + capitalised(notice.deviceLabel())
            + " needs attention (case #"
            + notice.caseId()
            + ")";
    String text =
        "Hi "
            + notice.customerName()
            + ",\n\n"
            + "We noticed a problem with "
            + notice.deviceLabel()
            + " before it stopped working.\n\n"
            + "What is happening: "
            + sentence(notice.summary())
            + "\n"
            + "What to do: "
            + advice(notice.severity())
            + "\n\n"
            + "Your case number is "
            + notice.caseId()
            + ".\n\n-- Forewarn customer care\n";
    return new RenderedEmail(subject, text, html(notice));
  }

  private static String html(CaseNotice notice) {
    return "<!DOCTYPE html><html><body>"
        + "<p>Hi "
        + escape(notice.customerName())
        + ",</p>"
        + "<p>We noticed a problem with <strong>"
        + escape(notice.deviceLabel())
        + "</strong> before it stopped working.</p>"
        + "<p><strong>What is happening:</strong> "
        + escape(sentence(notice.summary()))
        + "</p>"
        + "<p><strong>What to do:</strong> "
        + escape(advice(notice.severity()))
        + "</p>"
        + "<p>Your case number is "
        + notice.caseId()
        + ".</p>"
        + "<p>-- Forewarn customer care</p>"
        + "</body></html>";
  }

  private static String advice(Severity severity) {
    switch (severity) {
      case CRITICAL:
        return "Please switch it off and book a technician visit as soon as possible.";
      case WARNING:
        return "Please book a service check in the next few days.";
      default:
        return "No action is needed yet; we are keeping an eye on it.";
    }
  }

  private static String sentence(String summary) {
    String trimmed = summary == null ? "" : summary.strip();
    if (trimmed.isEmpty()) {
      return "A reading is outside its normal range.";
    }
    // Summaries often start with a metric name, so their first letter is left as it is.
    return trimmed.endsWith(".") ? trimmed : trimmed + ".";
  }

  private static String capitalised(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String escape(String s) {
    return HtmlUtils.htmlEscape(s);
  }
}
