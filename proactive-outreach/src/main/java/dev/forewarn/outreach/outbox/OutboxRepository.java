package dev.forewarn.outreach.outbox;

import dev.forewarn.outreach.notify.ChannelKind;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The outbox table. Writes that record an outcome only apply while the caller's claim still holds,
 * so a dispatcher that lost its lease cannot overwrite what the dispatcher that took over did.
 */
@Repository
public class OutboxRepository {

  private static final String CLAIMED_COLUMNS =
      "o.id, o.case_id, o.step, o.channel, o.recipient, o.subject, o.body_text, o.body_html,"
          + " o.idempotency_key, o.attempts, o.claim_token, o.customer_id, o.route_position,"
          + " o.first_attempt_at";

  /**
   * When a row is up for claiming: a pending one at its next attempt, a sending one when its lease
   * ends. Spelled exactly as in the index {@code outbox_claimable} (V21), which serves the claim.
   */
  private static final String DUE_AT =
      "(CASE WHEN status = 'PENDING' THEN next_attempt_at ELSE lease_until END)";

  private final JdbcClient jdbc;

  public OutboxRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Adds a message unless one with the same idempotency key exists; joins the caller's transaction.
   *
   * @return the new row's id, empty when the key existed
   */
  public Optional<Long> insert(NewOutboxMessage message) {
    return jdbc.sql(
            "INSERT INTO outbox (case_id, step, channel, recipient, subject, body_text,"
                + " body_html, idempotency_key, customer_id, route_position, next_attempt_at)"
                + " VALUES (:caseId, :step, :channel, :recipient, :subject, :text, :html, :key,"
                + " :customerId, :position, COALESCE(:notBefore, now()))"
                + " ON CONFLICT (idempotency_key) DO NOTHING RETURNING id")
        .param("caseId", message.caseId())
        .param("step", message.step())
        .param("channel", message.channel().code())
        .param("recipient", message.recipient())
        .param("subject", message.subject().orElse(null))
        .param("text", message.text())
        .param("html", message.html().orElse(null))
        .param("key", message.idempotencyKey())
        .param("customerId", message.customerId())
        .param("position", message.routePosition())
        .param(
            "notBefore",
            message.notBefore() == null ? null : message.notBefore().atOffset(ZoneOffset.UTC))
        .query(Long.class)
        .optional();
  }

  /**
   * Adds a message about no case, e.g. a sign-in code the customer asked for: it is not proactive
   * (STOP, opt-outs, quiet hours and the budget do not hold it back) and has no route to fall back
   * on. Joins the caller's transaction; the dispatchers are woken when it commits.
   *
   * @param idempotencyKey unique per message
   * @param step what kind of message, e.g. {@code sign-in-code}
   * @return the new row's id
   */
  public long insertWithoutCase(
      String idempotencyKey,
      String step,
      ChannelKind channel,
      String recipient,
      Optional<String> subject,
      String text,
      Optional<String> html) {
    long id =
        jdbc.sql(
                "INSERT INTO outbox (step, channel, recipient, subject, body_text, body_html,"
                    + " idempotency_key, proactive) VALUES (:step, :channel, :recipient, :subject,"
                    + " :text, :html, :key, false) RETURNING id")
            .param("step", step)
            .param("channel", channel.code())
            .param("recipient", recipient)
            .param("subject", subject.orElse(null))
            .param("text", text)
            .param("html", html.orElse(null))
            .param("key", idempotencyKey)
            .query(Long.class)
            .single();
    wakeDispatchers();
    return id;
  }

  /** Adds a message unless its idempotency key exists; true when a row was added. */
  public boolean add(NewOutboxMessage message) {
    return insert(message).isPresent();
  }

  /** Wakes the dispatchers of every instance once the caller's transaction commits. */
  public void wakeDispatchers() {
    jdbc.sql("NOTIFY outbox").update();
  }

  /**
   * Claims the message that has been due longest, a pending one or one whose previous dispatcher's
   * lease ran out, for this dispatcher until {@code lease} has passed. Other dispatchers skip the
   * locked row instead of waiting for it. The row is marked in doubt before any provider call; the
   * claim reports whether it already was, i.e. whether an earlier attempt may have reached the
   * provider.
   */
  Optional<ClaimedMessage> claimNext(Duration lease) {
    return jdbc.sql(
            "WITH due AS ("
                + " SELECT id, in_doubt, attempt_started_at FROM outbox"
                + " WHERE status IN ('PENDING', 'SENDING') AND "
                + DUE_AT
                + " <= now()"
                + " ORDER BY "
                + DUE_AT
                + ", id LIMIT 1 FOR UPDATE SKIP LOCKED)"
                + " UPDATE outbox o SET status = 'SENDING', attempts = o.attempts + 1,"
                + " claim_token = :token, lease_until = now() + :leaseMillis * interval '1 ms',"
                + " in_doubt = true, attempt_started_at = now(),"
                + " first_attempt_at = COALESCE(o.first_attempt_at, now())"
                + " FROM due WHERE o.id = due.id RETURNING "
                + CLAIMED_COLUMNS
                + ", due.in_doubt AS was_in_doubt, due.attempt_started_at AS previous_attempt_at")
        .param("token", UUID.randomUUID())
        .param("leaseMillis", lease.toMillis())
        .query(OutboxRepository::claimed)
        .optional();
  }

  boolean markSent(ClaimedMessage message, String provider, String providerId) {
    return jdbc.sql(
                "UPDATE outbox SET status = 'SENT', provider = :provider, provider_id = :providerId,"
                    + " sent_at = now(), lease_until = NULL, in_doubt = false"
                    + " WHERE id = :id AND claim_token = :token AND status = 'SENDING'")
            .param("provider", provider)
            .param("providerId", providerId)
            .param("id", message.id())
            .param("token", message.claimToken())
            .update()
        == 1;
  }

  /**
   * Whether a row is recorded as sent with this provider id, e.g. by a status callback that arrived
   * before the dispatcher could record the provider's answer itself.
   */
  boolean recordedAs(ClaimedMessage message, String providerId) {
    return jdbc.sql("SELECT count(*) FROM outbox WHERE id = :id AND provider_id = :providerId")
            .param("id", message.id())
            .param("providerId", providerId)
            .query(Long.class)
            .single()
        > 0;
  }

  /**
   * Back to PENDING; {@code inDoubt} keeps the row marked when the attempt got no answer, and
   * {@code spentNoAttempt} gives back the attempt the claim counted (a throttled call, a lookup
   * that failed, a provider whose breaker is open).
   */
  boolean scheduleRetry(
      ClaimedMessage message,
      String provider,
      Duration delay,
      String error,
      boolean inDoubt,
      boolean spentNoAttempt) {
    return jdbc.sql(
                "UPDATE outbox SET status = 'PENDING', provider = :provider,"
                    + " last_error = COALESCE(:error, last_error),"
                    + " next_attempt_at = now() + :delayMillis * interval '1 ms',"
                    + " attempts = attempts - CASE WHEN :giveBack THEN 1 ELSE 0 END,"
                    + " lease_until = NULL, claim_token = NULL, in_doubt = :inDoubt"
                    + " WHERE id = :id AND claim_token = :token AND status = 'SENDING'")
            .param("provider", provider)
            .param("error", error)
            .param("delayMillis", delay.toMillis())
            .param("giveBack", spentNoAttempt)
            .param("inDoubt", inDoubt)
            .param("id", message.id())
            .param("token", message.claimToken())
            .update()
        == 1;
  }

  /**
   * Extends the leases of rows whose provider call is still in flight, so that no other dispatcher
   * takes them over meanwhile.
   */
  void renewLeases(java.util.Collection<ClaimedMessage> inFlight, Duration lease) {
    if (inFlight.isEmpty()) {
      return;
    }
    jdbc.sql(
            "UPDATE outbox o SET lease_until = now() + :leaseMillis * interval '1 ms'"
                + " FROM unnest(CAST(:ids AS bigint[]), CAST(:tokens AS uuid[])) AS h(id, token)"
                + " WHERE o.id = h.id AND o.claim_token = h.token AND o.status = 'SENDING'")
        .param("leaseMillis", lease.toMillis())
        .param("ids", inFlight.stream().map(ClaimedMessage::id).toArray(Long[]::new))
        .param(
            "tokens", inFlight.stream().map(m -> m.claimToken().toString()).toArray(String[]::new))
        .update();
  }

  boolean markFailed(ClaimedMessage message, String provider, String error) {
    return giveUp(message, "FAILED", provider, error);
  }

  /**
   * Given up while the provider may have accepted it: kept apart from FAILED, so the case does not
   * move to another channel on a guess; a delivery report settles it.
   */
  boolean markUnconfirmed(ClaimedMessage message, String provider, String error) {
    return giveUp(message, "UNCONFIRMED", provider, error);
  }

  /** FAILED is certain, so it is no longer in doubt; UNCONFIRMED stays in doubt. */
  private boolean giveUp(ClaimedMessage message, String status, String provider, String error) {
    return jdbc.sql(
                "UPDATE outbox SET status = :status, provider = :provider, last_error = :error,"
                    + " lease_until = NULL, in_doubt = (:status = 'UNCONFIRMED')"
                    + " WHERE id = :id AND claim_token = :token AND status = 'SENDING'")
            .param("status", status)
            .param("provider", provider)
            .param("error", error)
            .param("id", message.id())
            .param("token", message.claimToken())
            .update()
        == 1;
  }

  /** Not sent on purpose; the attempt the claim counted is given back. */
  boolean cancel(ClaimedMessage message, String reason) {
    return jdbc.sql(
                "UPDATE outbox SET status = 'CANCELLED', last_error = :reason,"
                    + " attempts = attempts - 1, lease_until = NULL, in_doubt = false"
                    + " WHERE id = :id AND claim_token = :token AND status = 'SENDING'")
            .param("reason", reason)
            .param("id", message.id())
            .param("token", message.claimToken())
            .update()
        == 1;
  }

  /**
   * Waits until a time; the attempt the claim counted is given back, and a message that never
   * reached the provider starts its retry deadline afresh when it is tried.
   */
  boolean defer(ClaimedMessage message, Instant until) {
    return jdbc.sql(
                "UPDATE outbox SET status = 'PENDING', next_attempt_at = :until,"
                    + " attempts = attempts - 1, lease_until = NULL, claim_token = NULL,"
                    + " first_attempt_at = CASE WHEN attempts > 1 THEN first_attempt_at END,"
                    + " in_doubt = :inDoubt"
                    + " WHERE id = :id AND claim_token = :token AND status = 'SENDING'")
            .param("until", until.atOffset(ZoneOffset.UTC))
            .param("inDoubt", message.inDoubt())
            .param("id", message.id())
            .param("token", message.claimToken())
            .update()
        == 1;
  }

  /** How long until a retry falls due or a lease runs out; empty when nothing is waiting. */
  Optional<Duration> untilNextDue() {
    return jdbc.sql(
            "SELECT CAST(EXTRACT(EPOCH FROM LEAST("
                + " (SELECT min(next_attempt_at) FROM outbox WHERE status = 'PENDING'),"
                + " (SELECT min(lease_until) FROM outbox WHERE status = 'SENDING')) - now())"
                + " * 1000 AS bigint)")
        .query(
            (rs, row) -> {
              long millis = rs.getLong(1);
              return rs.wasNull()
                  ? Optional.<Duration>empty()
                  : Optional.of(Duration.ofMillis(Math.max(0, millis)));
            })
        .single();
  }

  private static ClaimedMessage claimed(ResultSet rs, int row) throws SQLException {
    long customerId = rs.getLong("customer_id");
    Optional<Long> customer = rs.wasNull() ? Optional.empty() : Optional.of(customerId);
    int position = rs.getInt("route_position");
    Optional<Integer> routePosition = rs.wasNull() ? Optional.empty() : Optional.of(position);
    OffsetDateTime previous = rs.getObject("previous_attempt_at", OffsetDateTime.class);
    long caseId = rs.getLong("case_id");
    Optional<Long> aboutCase = rs.wasNull() ? Optional.empty() : Optional.of(caseId);
    return new ClaimedMessage(
        rs.getLong("id"),
        aboutCase,
        rs.getString("step"),
        ChannelKind.fromCode(rs.getString("channel")),
        rs.getString("recipient"),
        Optional.ofNullable(rs.getString("subject")),
        rs.getString("body_text"),
        Optional.ofNullable(rs.getString("body_html")),
        rs.getString("idempotency_key"),
        rs.getInt("attempts"),
        rs.getObject("claim_token", UUID.class),
        customer,
        routePosition,
        rs.getBoolean("was_in_doubt"),
        Optional.ofNullable(previous).map(OffsetDateTime::toInstant),
        rs.getObject("first_attempt_at", OffsetDateTime.class).toInstant());
  }
}
