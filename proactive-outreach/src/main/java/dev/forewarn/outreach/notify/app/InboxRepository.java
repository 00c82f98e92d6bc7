package dev.forewarn.outreach.notify.app;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/** The {@code app_inbox} table. */
@Repository
class InboxRepository {

  private static final String COLUMNS =
      "id, customer_id, installation_id, case_id, title, body_text, created_at, read_at";

  private final JdbcClient jdbc;
  private final TransactionTemplate tx;

  InboxRepository(JdbcClient jdbc, TransactionTemplate tx) {
    this.jdbc = jdbc;
    this.tx = tx;
  }

  /**
   * Stores the message for the customer of the case behind the outbox row {@code reference}; a
   * reference already stored returns the stored message unchanged.
   *
   * @return empty when no outbox row with a known customer has this reference
   */
  Optional<InboxMessage> store(String reference, String installationId, String title, String text) {
    return tx.execute(
        status -> {
          Optional<long[]> owner =
              jdbc.sql(
                      "SELECT c.customer_id, c.id FROM outbox o JOIN cases c ON c.id = o.case_id"
                          + " WHERE o.idempotency_key = :reference AND c.customer_id IS NOT NULL")
                  .param("reference", reference)
                  .query((rs, row) -> new long[] {rs.getLong(1), rs.getLong(2)})
                  .optional();
          if (owner.isEmpty()) {
            return Optional.<InboxMessage>empty();
          }
          // Ids are handed out in commit order per customer, so a stream that has sent id N
          // never later finds a smaller id it missed.
          jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('forewarn:app-inbox'), :customer)")
              .param("customer", (int) owner.get()[0])
              .query((rs, row) -> row)
              .list();
          jdbc.sql(
                  "INSERT INTO app_inbox (reference, customer_id, installation_id, case_id, title,"
                      + " body_text) VALUES (:reference, :customer, :installation, :caseId, :title,"
                      + " :text) ON CONFLICT (reference) DO NOTHING")
              .param("reference", reference)
              .param("customer", owner.get()[0])
              .param("installation", installationId)
              .param("caseId", owner.get()[1])
              .param("title", title)
              .param("text", text)
              .update();
          return jdbc.sql("SELECT " + COLUMNS + " FROM app_inbox WHERE reference = :reference")
              .param("reference", reference)
              .query(InboxRepository::message)
              .optional();
        });
  }

  /** Wakes the customer's inbox streams, on every instance. */
  void announce(long customerId) {
    jdbc.sql("SELECT pg_notify('app_inbox', :customer)")
        .param("customer", Long.toString(customerId))
        .query((rs, row) -> row)
        .list();
  }

  List<InboxMessage> newest(long customerId, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM app_inbox WHERE customer_id = :customer"
                + " ORDER BY id DESC LIMIT :limit")
        .param("customer", customerId)
        .param("limit", limit)
        .query(InboxRepository::message)
        .list();
  }

  /** The customer's messages after {@code afterId}, oldest first. */
  List<InboxMessage> after(long customerId, long afterId, int limit) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM app_inbox WHERE customer_id = :customer AND id > :after"
                + " ORDER BY id LIMIT :limit")
        .param("customer", customerId)
        .param("after", afterId)
        .param("limit", limit)
        .query(InboxRepository::message)
        .list();
  }

  /** The id of the customer's newest message, 0 when the inbox is empty. */
  long latestId(long customerId) {
    return jdbc.sql("SELECT coalesce(max(id), 0) FROM app_inbox WHERE customer_id = :customer")
        .param("customer", customerId)
        .query(Long.class)
        .single();
  }

  /** Marks a message read (the first time counts); empty when the customer has no such message. */
  Optional<InboxMessage> markRead(long customerId, long id) {
    return jdbc.sql(
            "UPDATE app_inbox SET read_at = coalesce(read_at, now())"
                + " WHERE id = :id AND customer_id = :customer RETURNING "
                + COLUMNS)
        .param("id", id)
        .param("customer", customerId)
        .query(InboxRepository::message)
        .optional();
  }

  boolean customerExists(long customerId) {
    return jdbc.sql("SELECT count(*) FROM customers WHERE id = :id")
            .param("id", customerId)
            .query(Long.class)
            .single()
        > 0;
  }

  private static InboxMessage message(ResultSet rs, int row) throws SQLException {
    OffsetDateTime readAt = rs.getObject("read_at", OffsetDateTime.class);
    long caseId = rs.getLong("case_id");
    return new InboxMessage(
        rs.getLong("id"),
        rs.getLong("customer_id"),
        rs.getString("installation_id"),
        rs.wasNull() ? null : caseId,
        rs.getString("title"),
        rs.getString("body_text"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        readAt == null ? null : readAt.toInstant());
  }
}
