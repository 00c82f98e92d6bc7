package dev.forewarn.outreach.selfservice;

import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The HTML of the case link page: plain forms, no script, everything escaped, each form with its
 * CSRF token.
 */
final class SelfServicePage {

  private SelfServicePage() {}

  static String html(String token, CustomerCase c, CsrfToken csrf) {
    StringBuilder html =
        head("Forewarn case " + c.id())
            .append("<h1>")
            .append(escape(c.device()))
            .append("</h1><p>Case #")
            .append(c.id())
            .append(" · ")
            .append(escape(c.severity()))
            .append(" · ")
            .append(escape(c.status()))
            .append("</p><p>")
            .append(escape(c.summary()))
            .append("</p>");
    c.eta()
        .ifPresent(eta -> html.append("<p>Predicted failure around ").append(eta).append("</p>"));
    String base = "/c/" + escape(token);
    if (c.status().equals("RESOLVED")) {
      if (c.satisfaction() == null) {
        html.append("<form method=\"post\" action=\"").append(base).append("/feedback\">");
        html.append(hidden(csrf)).append("<p>How did we do?</p>");
        for (int score = 1; score <= 5; score++) {
          html.append("<button name=\"score\" value=\"")
              .append(score)
              .append("\">")
              .append(score)
              .append("</button>");
        }
        html.append("</form>");
      } else {
        html.append("<p>Thank you for your feedback: ").append(c.satisfaction()).append("/5</p>");
      }
      return html.append("</body></html>").toString();
    }
    html.append(
        c.acknowledged()
            ? "<p>You have seen this message.</p>"
            : form(base + "/acknowledge", "I have seen this", csrf));
    html.append(
        c.booked()
            ? "<p>An agent will contact you to arrange a visit.</p>"
            : form(base + "/book", "Book a technician visit", csrf));
    if (c.status().equals("OPEN")) {
      html.append(
          c.snoozedUntil()
              .map(until -> "<p>We will remind you after " + until + ".</p>")
              .orElseGet(() -> form(base + "/snooze", "Remind me later", csrf)));
    }
    return html.append("</body></html>").toString();
  }

  /** A page that says, in one sentence, why a link is not honoured. */
  static String refused(String words) {
    return head("Forewarn")
        .append("<p>")
        .append(escape(words))
        .append("</p></body></html>")
        .toString();
  }

  /** The start of a page, up to and including {@code <body>}. */
  static StringBuilder head(String title) {
    return new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width\">")
        .append("<title>")
        .append(escape(title))
        .append("</title></head><body>");
  }

  private static String form(String action, String label, CsrfToken csrf) {
    return "<form method=\"post\" action=\""
        + action
        + "\">"
        + hidden(csrf)
        + "<button>"
        + label
        + "</button></form>";
  }

  /** The CSRF token as a hidden field of a form. */
  static String hidden(CsrfToken csrf) {
    return "<input type=\"hidden\" name=\""
        + escape(csrf.getParameterName())
        + "\" value=\""
        + escape(csrf.getToken())
        + "\">";
  }

  static String escape(String s) {
    return HtmlUtils.htmlEscape(s == null ? "" : s);
  }
}
