package dev.forewarn.outreach.outbox;

import dev.forewarn.outreach.notify.ChannelKind;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Records delivery states a provider reports after accepting a message (Twilio status callbacks).
 * States only move forward (queued → sent → delivered / undelivered / failed); a late or repeated
 * report changes nothing. A report for a row still marked SENDING, in doubt (its dispatcher died,
 * or got no answer) or UNCONFIRMED (given up without knowing) proves the provider accepted it: the
 * row becomes SENT with the provider's id, and an undelivered or failed report then moves the case
 * to its next channel.
 */
@Component
public class DeliveryReports {

  private static final Map<String, Integer> RANK =
      Map.of(
          "accepted", 1,
          "scheduled", 1,
          "queued", 1,
          "sending", 2,
          "sent", 3,
          "delivered", 4,
          "undelivered", 4,
          "failed", 4,
          "read", 5);

  private final JdbcClient jdbc;
  private final OutboxEvents events;

  DeliveryReports(JdbcClient jdbc, OutboxEvents events) {
    this.jdbc = jdbc;
    this.events = events;
  }

  /** Whether a state is one this service knows. */
  public static boolean known(String state) {
    return RANK.containsKey(state);
  }

  /**
   * Applies a report to the row named by its idempotency key, else by the provider's id.
   *
   * @return the row, when the report moved it forward
   */
  @Transactional
  public Optional<OutboxRow> report(
      Optional<String> reference, String providerId, String state, String detail) {
    Optional<Current> found = lock(reference, providerId);
    if (found.isEmpty() || RANK.get(state) <= found.get().rank()) {
      return Optional.empty();
    }
    Current row = found.get();
    boolean unrecordedSend =
        row.status().equals("SENDING")
            || row.status().equals("UNCONFIRMED")
            || (row.status().equals("PENDING") && row.inDoubt());
    jdbc.sql(
            "UPDATE outbox SET delivery = :state, delivery_at = now(),"
                + " status = CASE WHEN :unrecorded THEN 'SENT' ELSE status END,"
                + " provider = COALESCE(provider, 'twilio'),"
                + " provider_id = COALESCE(provider_id, :providerId),"
                + " sent_at = COALESCE(sent_at, now()), in_doubt = false,"
                + " lease_until = CASE WHEN :unrecorded THEN NULL ELSE lease_until END,"
                + " claim_token = CASE WHEN :unrecorded THEN NULL ELSE claim_token END"
                + " WHERE id = :id")
        .param("state", state)
        .param("unrecorded", unrecordedSend)
        .param("providerId", providerId)
        .param("id", row.row().id())
        .update();
    if (!row.aboutCase()) {
      // A sign-in code: its delivery state is recorded, there is no case thread to move on.
      return Optional.of(row.row());
    }
    if (unrecordedSend) {
      events.sent(row.asClaimed(), "twilio", providerId, true);
    }
    events.delivery(row.row(), state, detail);
    if (state.equals("undelivered") || state.equals("failed")) {
      events.undeliverable(row.row(), "Twilio reported " + state + detail);
    }
    return Optional.of(row.row());
  }

  private Optional<Current> lock(Optional<String> reference, String providerId) {
    String where = reference.isPresent() ? "idempotency_key = :key" : "provider_id = :sid";
    return jdbc.sql(
            "SELECT id, case_id, step, channel, route_position, status, delivery, in_doubt,"
                + " recipient, body_text, idempotency_key, attempts FROM outbox WHERE "
                + where
                + " AND channel = 'sms' FOR UPDATE")
        .param("key", reference.orElse(null))
        .param("sid", providerId)
        .query(
            (rs, n) -> {
              int position = rs.getInt("route_position");
              Optional<Integer> route = rs.wasNull() ? Optional.empty() : Optional.of(position);
              String delivery = rs.getString("delivery");
              rs.getLong("case_id");
              boolean aboutCase = !rs.wasNull();
              return new Current(
                  new OutboxRow(
                      rs.getLong("id"),
                      rs.getLong("case_id"),
                      rs.getString("step"),
                      ChannelKind.fromCode(rs.getString("channel")),
                      route),
                  rs.getString("status"),
                  delivery == null ? 0 : RANK.getOrDefault(delivery, 0),
                  rs.getBoolean("in_doubt"),
                  rs.getString("recipient"),
                  rs.getString("body_text"),
                  rs.getString("idempotency_key"),
                  rs.getInt("attempts"),
                  aboutCase);
            })
        .optional();
  }

  private record Current(
      OutboxRow row,
      String status,
      int rank,
      boolean inDoubt,
      String recipient,
      String text,
      String key,
      int attempts,
      boolean aboutCase) {

    ClaimedMessage asClaimed() {
      return new ClaimedMessage(
          row.id(),
          Optional.of(row.caseId()),
          row.step(),
          row.channel(),
          recipient,
          Optional.empty(),
          text,
          Optional.empty(),
          key,
          attempts,
          null,
          Optional.empty(),
          row.routePosition(),
          true,
          Optional.empty(),
          java.time.Instant.now());
    }
  }
}
