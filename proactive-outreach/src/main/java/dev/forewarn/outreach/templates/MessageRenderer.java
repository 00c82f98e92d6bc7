package dev.forewarn.outreach.templates;

import dev.forewarn.outreach.notify.ChannelKind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

/**
 * The one place where customer messages get their words, from the templates in {@code
 * templates/*.properties}: an SMS kept within {@link #SMS_MAX_SEGMENTS} segments (a shorter variant
 * is used when the full one is longer), an email with the same content as text and HTML, an app
 * notification with a title. Several cases of one customer render as one grouped message.
 */
@Component
public class MessageRenderer {

  /** Longer texts use the {@code .short} variant of their template. */
  public static final int SMS_MAX_SEGMENTS = 3;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z]+)}");

  private final TemplateBundle templates = new TemplateBundle();

  /**
   * Renders a step of a case thread.
   *
   * @param cases the case first, then the cases grouped with it
   * @param now the time the message is rendered at; the ETA is said relative to it
   */
  public Rendered render(
      Step step, ChannelKind channel, String locale, List<MessageFacts> cases, Instant now) {
    MessageFacts lead = cases.get(0);
    String kind = cases.size() > 1 && has(step, "sms", ".group", locale) ? ".group" : "";
    Map<String, String> values = values(lead, cases, kind, locale, now);
    String sms = sms(step, kind, locale, lead.ruleId(), values);
    if (channel == ChannelKind.SMS) {
      return new Rendered(Optional.empty(), sms, Optional.empty());
    }
    String subject = fill(get("email." + step + kind + ".subject", locale, lead), values);
    if (channel == ChannelKind.APP) {
      return new Rendered(Optional.of(subject), sms, Optional.empty());
    }
    String text = fill(get("email." + step + kind + ".text", locale, lead), values);
    return new Rendered(Optional.of(subject), text, Optional.of(html(text, lead.link())));
  }

  /** The answer to an inbound SMS. */
  public String reply(Reply reply, String locale) {
    return templates.get("reply." + reply, locale, null);
  }

  /**
   * A one-time sign-in code the customer asked for, on the channel of the address they typed.
   *
   * @param minutes how long the code is valid
   */
  public Rendered signInCode(ChannelKind channel, String locale, String code, long minutes) {
    Map<String, String> values = Map.of("code", code, "minutes", String.valueOf(minutes));
    if (channel == ChannelKind.SMS) {
      return new Rendered(
          Optional.empty(),
          fill(templates.get("code.sms", locale, null), values),
          Optional.empty());
    }
    String text = fill(templates.get("code.email.text", locale, null), values);
    return new Rendered(
        Optional.of(fill(templates.get("code.email.subject", locale, null), values)),
        text,
        Optional.of(html(text, "")));
  }

  private String sms(
      Step step, String kind, String locale, String ruleId, Map<String, String> values) {
    String full = fill(templates.get("sms." + step + kind, locale, ruleId), values);
    if (SmsSegments.count(full) <= SMS_MAX_SEGMENTS) {
      return full;
    }
    return templates
        .find("sms." + step + kind + ".short", locale, ruleId)
        .map(t -> fill(t, values))
        .orElse(full);
  }

  private Map<String, String> values(
      MessageFacts lead, List<MessageFacts> cases, String kind, String locale, Instant now) {
    String list =
        cases.stream()
            .map(
                c ->
                    fill(
                        get("item", locale, c),
                        Map.of("device", c.deviceLabel(), "what", what(c, locale))))
            .collect(Collectors.joining(" "));
    return Map.of(
        "name", lead.customerName(),
        "device", lead.deviceLabel(),
        "what", what(lead, locale),
        "eta", eta(lead, locale, now),
        "action", get("action." + lead.severity(), locale, lead),
        "link", lead.link(),
        "case", String.valueOf(lead.caseId()),
        "count", String.valueOf(cases.size()),
        "list", list);
  }

  private String what(MessageFacts facts, String locale) {
    return templates
        .find("what", locale, facts.ruleId())
        .orElseGet(() -> sentence(facts.summary()));
  }

  private String eta(MessageFacts facts, String locale, Instant now) {
    if (facts.eta().isEmpty() || !facts.eta().get().isAfter(now)) {
      return "";
    }
    Duration left = Duration.between(now, facts.eta().get());
    long hours = Math.max(1, Math.round(left.toMinutes() / 60.0));
    String amount =
        hours < 48
            ? fill(get("eta.hours", locale, facts), Map.of("n", String.valueOf(hours)))
            : fill(
                get("eta.days", locale, facts),
                Map.of("n", String.valueOf(Math.round(hours / 24.0))));
    return fill(get("eta", locale, facts), Map.of("duration", amount)) + " ";
  }

  private boolean has(Step step, String channel, String kind, String locale) {
    return templates.find(channel + "." + step + kind, locale, null).isPresent();
  }

  private String get(String key, String locale, MessageFacts facts) {
    return templates.get(key, locale, facts.ruleId());
  }

  /**
   * Fills the template's placeholders in one pass, so that a value containing braces (a customer
   * named "Jo {link}") is kept as written instead of being filled in turn.
   */
  private static String fill(String template, Map<String, String> values) {
    return PLACEHOLDER
        .matcher(template)
        .replaceAll(m -> Matcher.quoteReplacement(values.getOrDefault(m.group(1), m.group())))
        .strip();
  }

  private static String sentence(String summary) {
    String trimmed = summary == null ? "" : summary.strip();
    if (trimmed.endsWith(".")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.isEmpty() ? "a reading is outside its normal range" : trimmed;
  }

  /** The text part as HTML: one paragraph per blank-line block, the link made clickable. */
  private static String html(String text, String link) {
    StringBuilder html = new StringBuilder("<!DOCTYPE html><html><body>");
    for (String paragraph : text.split("\n\n")) {
      String escaped = HtmlUtils.htmlEscape(paragraph).replace("\n", "<br>");
      String anchor = HtmlUtils.htmlEscape(link);
      html.append("<p>")
          .append(
              anchor.isEmpty()
                  ? escaped
                  : escaped.replace(anchor, "<a href=\"" + anchor + "\">" + anchor + "</a>"))
          .append("</p>");
    }
    return html.append("</body></html>").toString();
  }
}
