package dev.forewarn.outreach.selfservice;

import dev.forewarn.outreach.templates.CustomerAction;
import dev.forewarn.outreach.templates.MessageFacts;
import dev.forewarn.outreach.templates.MessageRenderer;
import dev.forewarn.outreach.templates.RuleWordings;
import dev.forewarn.rules.document.Severity;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Turns a customer's case into what their pages show: the words the messages use (the rule's
 * customer wording, the recommended action, the time left), the two clocks labelled and in the
 * viewer's time zone, and exactly the actions the case's messages offer ({@link CustomerAction}).
 */
@Component
class CaseCards {

  private final MessageRenderer renderer;
  private final RuleWordings wordings;
  private final MessageSource messages;
  private final Clock clock;

  CaseCards(MessageRenderer renderer, RuleWordings wordings, MessageSource messages, Clock clock) {
    this.renderer = renderer;
    this.wordings = wordings;
    this.messages = messages;
    this.clock = clock;
  }

  CaseCard card(CustomerCase c, Locale locale, ZoneId zone, String base) {
    String tag = locale.toLanguageTag();
    MessageFacts facts =
        new MessageFacts(
            c.id(),
            "",
            c.device(),
            Severity.valueOf(c.severity()),
            c.ruleId(),
            c.summary(),
            c.eta(),
            "",
            wordings.of(c.ruleId(), c.ruleVersion(), c.evidence()));
    Instant now = clock.instant();
    Optional<Instant> eta =
        c.status().equals("OPEN") ? c.eta().filter(now::isBefore) : Optional.empty();
    return new CaseCard(
        c.id(),
        c.device(),
        c.status(),
        c.severity(),
        text(
            "health." + c.status() + (c.status().equals("OPEN") ? "." + c.severity() : ""), locale),
        capitalised(renderer.what(facts, tag), locale),
        eta.map(at -> renderer.duration(Duration.between(now, at), tag, c.ruleId())).orElse(""),
        eta.map(at -> time(at, locale, zone)).orElse(""),
        c.status().equals("OPEN") ? renderer.action(facts.severity(), tag, c.ruleId()) : "",
        time(c.startedAt(), locale, zone),
        time(c.openedAt(), locale, zone),
        c.toldAt().map(t -> time(t, locale, zone)).orElse(""),
        c.acknowledgedAt().map(t -> time(t, locale, zone)).orElse(""),
        actions(c, locale, zone, now),
        c.satisfaction(),
        base);
  }

  private List<CaseCard.Action> actions(CustomerCase c, Locale locale, ZoneId zone, Instant now) {
    return CustomerAction.forStatus(c.status()).stream()
        .map(
            action -> {
              String done =
                  switch (action) {
                    case ACKNOWLEDGE -> c.acknowledged() ? text("done.ACKNOWLEDGE", locale) : null;
                    case BOOK -> c.booked() ? text("done.BOOK", locale) : null;
                    case SNOOZE ->
                        c.snoozedUntil()
                            .filter(now::isBefore)
                            .map(u -> text("done.SNOOZE", locale, time(u, locale, zone)))
                            .orElse(null);
                    case RATE ->
                        c.satisfaction() == null
                            ? null
                            : text("done.RATE", locale, String.valueOf(c.satisfaction()));
                  };
              return new CaseCard.Action(action.path(), text("action." + action, locale), done);
            })
        .toList();
  }

  private String time(Instant at, Locale locale, ZoneId zone) {
    return DateTimeFormatter.ofPattern(text("time.format", locale), locale)
        .withZone(zone)
        .format(at);
  }

  private String text(String code, Locale locale, Object... args) {
    return messages.getMessage(code, args, locale);
  }

  private static String capitalised(String sentence, Locale locale) {
    return sentence.isEmpty()
        ? sentence
        : sentence.substring(0, 1).toUpperCase(locale) + sentence.substring(1);
  }
}
