package dev.forewarn.outreach.selfservice;

import org.springframework.web.util.HtmlUtils;

/** The HTML of the self-service page: plain forms, no script, everything escaped. */
final class SelfServicePage {

  private SelfServicePage() {}

  static String html(String token, PageCase c) {
    StringBuilder html =
        new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\">")
            .append("<meta name=\"viewport\" content=\"width=device-width\">")
            .append("<title>Forewarn case ")
            .append(c.id())
            .append("</title></head><body><h1>")
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
        html.append("<p>How did we do?</p>");
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
            : form(base + "/acknowledge", "I have seen this"));
    html.append(
        c.booked()
            ? "<p>An agent will contact you to arrange a visit.</p>"
            : form(base + "/book", "Book a technician visit"));
    return html.append("</body></html>").toString();
  }

  private static String form(String action, String label) {
    return "<form method=\"post\" action=\"" + action + "\"><button>" + label + "</button></form>";
  }

  private static String escape(String s) {
    return HtmlUtils.htmlEscape(s == null ? "" : s);
  }
}
