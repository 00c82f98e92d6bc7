package dev.forewarn.outreach.templates;

import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.rules.document.Severity;
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
    Map<String, String> values = values(step, lead, cases, locale, now);
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
      Step step, MessageFacts lead, List<MessageFacts> cases, String locale, Instant now) {
    String list =
        cases.stream()
            .map(
                c ->
                    fill(
                        get("item", locale, c),
                        Map.of("device", c.deviceLabel(), "what", what(c, locale))))
            .collect(Collectors.joining(" "));
    List<CustomerAction> offered = CustomerAction.offeredBy(step);
    return Map.ofEntries(
        Map.entry("offers", offers("sms", offered, locale)),
        Map.entry("choices", offers("email", offered, locale)),
        Map.entry("name", lead.customerName()),
        Map.entry("device", lead.deviceLabel()),
        Map.entry("what", what(lead, locale)),
        Map.entry("eta", eta(lead, locale, now)),
        Map.entry("action", get("action." + lead.severity(), locale, lead)),
        Map.entry("link", lead.link()),
        Map.entry("case", String.valueOf(lead.caseId())),
        Map.entry("count", String.valueOf(cases.size())),
        Map.entry("list", list));
  }

  /**
   * What is happening, in the customer's words: the rule's own wording filled with the case's
   * evidence, else the template for the rule or its family, else a plain sentence. Never the rule's
   * summary, which names metrics and is for the console.
   */
  public String what(MessageFacts facts, String locale) {
    return facts
        .wording()
        .flatMap(w -> w.in(locale))
        .map(MessageRenderer::withoutFullStop)
        .or(() -> templates.find("what", locale, facts.ruleId()).filter(t -> !t.isBlank()))
        .orElseGet(() -> templates.get("what.generic", locale, null));
  }

  /** What the customer should do about a case of this severity. */
  public String action(Severity severity, String locale, String ruleId) {
    return templates.get("action." + severity, locale, ruleId);
  }

  /**
   * The actions in words, as a message of this kind offers them ({@code sms}: the replies; {@code
   * email}: what the linked page lets them do).
   */
  public String offers(String kind, List<CustomerAction> actions, String locale) {
    if (actions.isEmpty()) {
      return "";
    }
    List<String> words =
        actions.stream().map(a -> templates.get("offer." + kind + "." + a, locale, null)).toList();
    if (words.size() == 1) {
      return words.get(0);
    }
    return String.join(
            templates.get("offer." + kind + ".join", locale, null),
            words.subList(0, words.size() - 1))
        + templates.get("offer." + kind + ".last", locale, null)
        + words.get(words.size() - 1);
  }

  private String eta(MessageFacts facts, String locale, Instant now) {
    if (facts.eta().isEmpty() || !facts.eta().get().isAfter(now)) {
      return "";
    }
    String amount = duration(Duration.between(now, facts.eta().get()), locale, facts.ruleId());
    return fill(get("eta", locale, facts), Map.of("duration", amount)) + " ";
  }

  /** A time left in words: minutes (in fives) below 90 minutes, hours below 48, else days. */
  public String duration(Duration left, String locale, String ruleId) {
    long minutes = left.toMinutes();
    if (minutes < 90) {
      long fives = Math.max(5, Math.round(minutes / 5.0) * 5);
      return fill(templates.get("eta.minutes", locale, ruleId), Map.of("n", String.valueOf(fives)));
    }
    long hours = Math.round(minutes / 60.0);
    return hours < 48
        ? fill(templates.get("eta.hours", locale, ruleId), Map.of("n", String.valueOf(hours)))
        : fill(
            templates.get("eta.days", locale, ruleId),
            Map.of("n", String.valueOf(Math.round(hours / 24.0))));
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

  private static String withoutFullStop(String sentence) {
    String trimmed = sentence.strip();
    return trimmed.endsWith(".") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
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
