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
 */
@Service
class InboundReplies {

  private static final Logger log = LoggerFactory.getLogger(InboundReplies.class);

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
    Optional<ThreadRef> thread = actions.latestThreadFor(from);
    thread.ifPresent(t -> actions.reply(t.caseId(), from, body));
    Command command = Command.of(body);
    Optional<Reply> reply = act(command, Command.normalised(body), from, thread);
    String locale = locale(from);
    Optional<String> answer = reply.map(r -> renderer.reply(r, locale));
    thread.ifPresent(
        t -> answer.ifPresent(a -> timeline.add(t.caseId(), "ANSWERED", "sms", a, null)));
    jdbc.sql(
            "UPDATE inbound_messages SET action = :action, case_id = :caseId"
                + " WHERE message_sid = :sid")
        .param("action", command.name())
        .param("caseId", thread.map(ThreadRef::caseId).orElse(null))
        .param("sid", messageSid)
        .update();
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
