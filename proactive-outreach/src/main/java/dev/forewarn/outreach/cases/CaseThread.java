package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.outbox.NewOutboxMessage;
import dev.forewarn.outreach.outbox.OutboxRepository;
import dev.forewarn.outreach.preferences.RouteStep;
import dev.forewarn.outreach.security.links.CaseLinks;
import dev.forewarn.outreach.templates.MessageFacts;
import dev.forewarn.outreach.templates.MessageRenderer;
import dev.forewarn.outreach.templates.Rendered;
import dev.forewarn.outreach.templates.Step;
import dev.forewarn.outreach.timeline.Timeline;
import dev.forewarn.rules.document.Severity;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The messages of one case thread: stores the case's route, renders a step for a place on the route
 * (with the cases grouped into it) and queues it in the outbox, and knows which channel has worked
 * so far. Every method joins the caller's transaction.
 */
@Component
class CaseThread {

  private final JdbcClient jdbc;
  private final OutboxRepository outbox;
  private final MessageRenderer renderer;
  private final Timeline timeline;
  private final CaseLinks links;

  CaseThread(
      JdbcClient jdbc,
      OutboxRepository outbox,
      MessageRenderer renderer,
      Timeline timeline,
      CaseLinks links) {
    this.jdbc = jdbc;
    this.outbox = outbox;
    this.renderer = renderer;
    this.timeline = timeline;
    this.links = links;
  }

  /** Stores the route in one round trip to the database. */
  void saveRoute(long caseId, List<RouteStep> route) {
    jdbc.sql(
            "INSERT INTO case_routes (case_id, position, customer_id, channel, address)"
                + " SELECT :caseId, r.position, r.customer_id, r.channel, r.address"
                + " FROM unnest(CAST(:positions AS int[]), CAST(:customerIds AS bigint[]),"
                + " CAST(:channels AS text[]), CAST(:addresses AS text[]))"
                + " AS r(position, customer_id, channel, address)"
                + " ON CONFLICT DO NOTHING")
        .param("caseId", caseId)
        .param("positions", route.stream().map(RouteStep::position).toArray(Integer[]::new))
        .param("customerIds", route.stream().map(RouteStep::customerId).toArray(Long[]::new))
        .param("channels", route.stream().map(st -> st.channel().code()).toArray(String[]::new))
        .param("addresses", route.stream().map(RouteStep::address).toArray(String[]::new))
        .update();
  }

  Optional<RouteStep> routeStep(long caseId, int position) {
    return jdbc.sql(
            "SELECT position, customer_id, channel, address FROM case_routes"
                + " WHERE case_id = :caseId AND position = :position")
        .param("caseId", caseId)
        .param("position", position)
        .query(
            (rs, row) ->
                new RouteStep(
                    rs.getInt("position"),
                    rs.getLong("customer_id"),
                    ChannelKind.fromCode(rs.getString("channel")),
                    rs.getString("address")))
        .optional();
  }

  /**
   * The route position of the newest message that went out and was not reported lost. A case that
   * rode in another case's message has none of its own: the place on its route with the channel and
   * address of its lead's message is the one that worked.
   */
  Optional<Integer> workingPosition(long caseId) {
    return jdbc.sql(
            "SELECT r.position FROM cases c"
                + " JOIN outbox o ON o.case_id = c.id OR o.case_id = c.group_lead"
                + " JOIN case_routes r ON r.case_id = c.id AND r.channel = o.channel"
                + "  AND r.address = o.recipient"
                + " WHERE c.id = :caseId AND o.status = 'SENT' AND o.route_position IS NOT NULL"
                + " AND coalesce(o.delivery, '') NOT IN ('undelivered', 'failed', 'bounced')"
                + " ORDER BY o.sent_at DESC, o.id DESC, (r.position = o.route_position) DESC,"
                + " r.position LIMIT 1")
        .param("caseId", caseId)
        .query(Integer.class)
        .optional();
  }

  /**
   * Queues a step of the thread for a place on the route.
   *
   * @param stepCode the outbox step, {@code step.code()} or a refinement of it
   * @return whether a message was queued (false: no such place, or queued before)
   */
  boolean queue(long caseId, Step step, String stepCode, int position, Instant notBefore) {
    Optional<RouteStep> place = routeStep(caseId, position);
    if (place.isEmpty()) {
      return false;
    }
    RouteStep to = place.get();
    return queue(caseId, step, stepCode, to, !isOwner(caseId, to.customerId()), notBefore);
  }

  /**
   * Queues a step of the thread for a place on the route the caller already holds, e.g. the route
   * it has just saved.
   *
   * @param secondary whether {@code to} is the device's secondary contact rather than the case's
   *     owner
   * @return whether a message was queued (false: queued before)
   */
  boolean queue(
      long caseId, Step step, String stepCode, RouteStep to, boolean secondary, Instant notBefore) {
    Rendered rendered = render(caseId, step, to);
    Optional<Long> id =
        outbox.insert(
            new NewOutboxMessage(
                caseId,
                stepCode,
                to.channel(),
                to.address(),
                rendered.subject(),
                rendered.text(),
                rendered.html(),
                to.customerId(),
                to.position(),
                secondary,
                notBefore));
    id.ifPresent(
        outboxId ->
            timeline.add(
                caseId,
                "MESSAGE_QUEUED",
                to.channel().code(),
                stepCode + (secondary ? " to the secondary contact" : ""),
                outboxId));
    return id.isPresent();
  }

  /**
   * Whether a step's message for a place on the route is queued, in flight, sent or possibly sent,
   * i.e. still able to reach the customer.
   */
  boolean inHand(long caseId, String stepCode, int position) {
    return jdbc.sql(
            "SELECT EXISTS (SELECT 1 FROM outbox WHERE case_id = :caseId AND step = :step"
                + " AND route_position = :position"
                + " AND status IN ('PENDING', 'SENDING', 'SENT', 'UNCONFIRMED'))")
        .param("caseId", caseId)
        .param("step", stepCode)
        .param("position", position)
        .query(Boolean.class)
        .single();
  }

  /** Renders the rows of a case's step that have not been tried yet again, e.g. after grouping. */
  void rerenderWaiting(long caseId, String stepCode) {
    List<Long> waiting =
        jdbc.sql(
                "SELECT id FROM outbox WHERE case_id = :caseId AND step = :step"
                    + " AND status = 'PENDING' AND attempts = 0 AND route_position IS NOT NULL"
                    + " FOR UPDATE")
            .param("caseId", caseId)
            .param("step", stepCode)
            .query(Long.class)
            .list();
    for (long id : waiting) {
      int position =
          jdbc.sql("SELECT route_position FROM outbox WHERE id = :id")
              .param("id", id)
              .query(Integer.class)
              .single();
      RouteStep to = routeStep(caseId, position).orElseThrow();
      Rendered rendered = render(caseId, Step.fromCode(stepCode), to);
      jdbc.sql(
              "UPDATE outbox SET subject = :subject, body_text = :text, body_html = :html"
                  + " WHERE id = :id")
          .param("subject", rendered.subject().orElse(null))
          .param("text", rendered.text())
          .param("html", rendered.html().orElse(null))
          .param("id", id)
          .update();
    }
  }

  Severity severity(long caseId) {
    return jdbc.sql("SELECT severity FROM cases WHERE id = :id")
        .param("id", caseId)
        .query((rs, row) -> Severity.valueOf(rs.getString(1)))
        .single();
  }

  private Rendered render(long caseId, Step step, RouteStep to) {
    Recipient recipient =
        jdbc.sql("SELECT name, locale FROM customers WHERE id = :id")
            .param("id", to.customerId())
            .query((rs, row) -> new Recipient(rs.getString("name"), rs.getString("locale")))
            .single();
    List<MessageFacts> facts = facts(caseId, recipient.name());
    return renderer.render(step, to.channel(), recipient.locale(), facts, Instant.now());
  }

  /** The case first, then the cases grouped into it. */
  private List<MessageFacts> facts(long caseId, String customerName) {
    return jdbc.sql(
            "SELECT c.id, c.rule_id, c.severity, c.summary, c.eta, c.link_generation, c.device_id,"
                + " d.nickname, d.model FROM cases c"
                + " LEFT JOIN devices d ON d.device_id = c.device_id"
                + " WHERE c.id = :id OR c.group_lead = :id ORDER BY (c.id = :id) DESC, c.id")
        .param("id", caseId)
        .query(
            (rs, row) -> {
              OffsetDateTime eta = rs.getObject("eta", OffsetDateTime.class);
              return new MessageFacts(
                  rs.getLong("id"),
                  customerName,
                  MessageFacts.deviceLabel(
                      Optional.ofNullable(rs.getString("nickname")),
                      Optional.ofNullable(rs.getString("model")),
                      rs.getString("device_id")),
                  Severity.valueOf(rs.getString("severity")),
                  rs.getString("rule_id"),
                  rs.getString("summary"),
                  Optional.ofNullable(eta).map(OffsetDateTime::toInstant),
                  links.url(rs.getLong("id"), rs.getInt("link_generation")));
            })
        .list();
  }

  private boolean isOwner(long caseId, long customerId) {
    return jdbc.sql("SELECT count(*) FROM cases WHERE id = :id AND customer_id = :customerId")
            .param("id", caseId)
            .param("customerId", customerId)
            .query(Long.class)
            .single()
        > 0;
  }

  private record Recipient(String name, String locale) {}
}
