package dev.forewarn.outreach.webhooks;

import dev.forewarn.outreach.cases.CaseActions;
import dev.forewarn.outreach.cases.CaseActions.ThreadRef;
import dev.forewarn.outreach.notify.Masking;
import dev.forewarn.outreach.preferences.PreferencesRepository;
import dev.forewarn.outreach.templates.MessageRenderer;
import dev.forewarn.outreach.templates.Reply;
import dev.forewarn.outreach.timeline.Timeline;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Turns an inbound SMS into an action on the case thread its sender last heard about: 1 or YES
 * books a visit, 2 snoozes, ACK acknowledges, a digit 1-5 after resolution is the satisfaction
 * score; STOP and START switch every proactive message to the number off and on, HELP explains.
 * Each inbound message is handled once (Twilio may deliver a webhook twice) and kept on the
 * timeline, understood or not.
 *
 * <p>A flood from one number is cut off: beyond {@value #FLOOD_LIMIT} messages from a number in
 * {@value #FLOOD_WINDOW_MINUTES} minutes, each further one is kept (action {@code RATE_LIMITED})
 * but neither acted on, put on a case thread nor answered, so that a flood can neither fill a
 * thread nor make the service send an answer per message. STOP is always honoured.
 */
@Service
class InboundReplies {

  private static final Logger log = LoggerFactory.getLogger(InboundReplies.class);

  /** Messages one number may send in {@link #FLOOD_WINDOW_MINUTES} before the rest are ignored. */
  static final int FLOOD_LIMIT = 20;

  static final int FLOOD_WINDOW_MINUTES = 10;

  private final JdbcClient jdbc;
  private final CaseActions actions;
  private final PreferencesRepository preferences;
  private final MessageRenderer renderer;
  private final Timeline timeline;

  InboundReplies(
      JdbcClient jdbc,
      CaseActions actions,
      PreferencesRepository preferences,
      MessageRenderer renderer,
      Timeline timeline) {
    this.jdbc = jdbc;
    this.actions = actions;
    this.preferences = preferences;
    this.renderer = renderer;
    this.timeline = timeline;
  }

  /** Handles one inbound SMS; returns the answer to send back, if any. */
  @Transactional
  public Optional<String> handle(String messageSid, String from, String body) {
    if (!firstTime(messageSid, from, body)) {
      log.info("inbound sms repeated message_sid={}: already handled", messageSid);
      return Optional.empty();
    }
    Command command = Command.of(body);
    if (command != Command.STOP && flooding(from)) {
      record(messageSid, "RATE_LIMITED", null);
      log.warn(
          "inbound sms rate limited message_sid={} from={}: more than {} in {} minutes",
          messageSid,
          Masking.phone(from),
          FLOOD_LIMIT,
          FLOOD_WINDOW_MINUTES);
      return Optional.empty();
    }
    Optional<ThreadRef> thread = actions.latestThreadFor(from);
    thread.ifPresent(t -> actions.reply(t.caseId(), from, body));
    Optional<Reply> reply = act(command, Command.normalised(body), from, thread);
    String locale = locale(from);
    Optional<String> answer = reply.map(r -> renderer.reply(r, locale));
    thread.ifPresent(
        t -> answer.ifPresent(a -> timeline.add(t.caseId(), "ANSWERED", "sms", a, null)));
    record(messageSid, command.name(), thread.map(ThreadRef::caseId).orElse(null));
    log.info(
        "inbound sms message_sid={} from={} command={} case_id={}",
        messageSid,
        Masking.phone(from),
        command,
        thread.map(t -> String.valueOf(t.caseId())).orElse("-"));
    return answer;
  }

  private Optional<Reply> act(
      Command command, String word, String from, Optional<ThreadRef> thread) {
    switch (command) {
      case STOP:
        List<Long> stopped = preferences.setStopped(from, true);
        thread.ifPresent(
            t -> timeline.add(t.caseId(), "STOPPED", "the number opted out of every message"));
        log.info("opted out by STOP customers={}", stopped);
        return Optional.empty();
      case START:
        preferences.setStopped(from, false);
        thread.ifPresent(t -> timeline.add(t.caseId(), "STARTED", "the number opted back in"));
        return Optional.of(Reply.STARTED);
      case HELP:
        return Optional.of(Reply.HELP);
      case UNKNOWN:
        return Optional.of(Reply.UNKNOWN);
      default:
        break;
    }
    if (thread.isEmpty()) {
      return Optional.of(Reply.NO_CASE);
    }
    ThreadRef t = thread.get();
    if (command == Command.DIGIT) {
      int digit = Integer.parseInt(word);
      if (t.status().equals("RESOLVED") && !t.scored()) {
        actions.score(t.caseId(), digit, "by SMS");
        return Optional.of(Reply.THANKS);
      }
      command = digit == 1 ? Command.BOOK : digit == 2 ? Command.SNOOZE : Command.UNKNOWN;
    }
    switch (command) {
      case BOOK:
        actions.book(t.caseId(), "by SMS");
        return Optional.of(Reply.BOOKED);
      case SNOOZE:
        actions.snooze(t.caseId(), "by SMS");
        return Optional.of(Reply.SNOOZED);
      case ACK:
        actions.acknowledge(t.caseId(), "by SMS");
        return Optional.of(Reply.ACKNOWLEDGED);
      default:
        return Optional.of(Reply.UNKNOWN);
    }
  }

  private void record(String messageSid, String action, Long caseId) {
    jdbc.sql(
            "UPDATE inbound_messages SET action = :action, case_id = :caseId"
                + " WHERE message_sid = :sid")
        .param("action", action)
        .param("caseId", caseId)
        .param("sid", messageSid)
        .update();
  }

  /** Whether the number sent more than the limit in the window, this message included. */
  private boolean flooding(String from) {
    return jdbc.sql(
                "SELECT count(*) FROM inbound_messages WHERE from_number = :from"
                    + " AND received_at > now() - make_interval(mins => :minutes)")
            .param("from", from)
            .param("minutes", FLOOD_WINDOW_MINUTES)
            .query(Long.class)
            .single()
        > FLOOD_LIMIT;
  }

  private boolean firstTime(String messageSid, String from, String body) {
    return jdbc.sql(
                "INSERT INTO inbound_messages (message_sid, from_number, body, action)"
                    + " VALUES (:sid, :from, :body, 'RECEIVED') ON CONFLICT DO NOTHING")
            .param("sid", messageSid)
            .param("from", from)
            .param("body", body)
            .update()
        == 1;
  }

  private String locale(String phone) {
    return jdbc.sql(
            "SELECT c.locale FROM customers c JOIN contact_points p ON p.customer_id = c.id"
                + " WHERE p.channel = 'sms' AND p.address = :phone ORDER BY c.id LIMIT 1")
        .param("phone", phone)
        .query(String.class)
        .optional()
        .orElse("en");
  }
}
