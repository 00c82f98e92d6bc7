package dev.forewarn.outreach.customers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The contact_points table: every number, address and app installation of every customer. */
@Repository
public class ContactPointRepository {

  private static final String COLUMNS =
      "id, customer_id, channel, address, fcm_token, platform, created_at";

  private final JdbcClient jdbc;

  ContactPointRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Adds a contact point; adding the same one again returns the stored one. */
  ContactPoint add(long customerId, NewContactPoint point) {
    return jdbc.sql(
            "INSERT INTO contact_points (customer_id, channel, address, fcm_token, platform)"
                + " VALUES (:customerId, :channel, :address, :fcmToken, :platform)"
                + " ON CONFLICT (customer_id, channel, address) DO UPDATE"
                + " SET fcm_token = COALESCE(EXCLUDED.fcm_token, contact_points.fcm_token),"
                + " platform = COALESCE(EXCLUDED.platform, contact_points.platform)"
                + " RETURNING "
                + COLUMNS)
        .param("customerId", customerId)
        .param("channel", point.channel())
        .param("address", point.address())
        .param("fcmToken", point.fcmToken())
        .param("platform", point.platform())
        .query(ContactPoint.class)
        .single();
  }

  /** A customer's contact points, oldest first: the first of each channel is the one used. */
  public List<ContactPoint> of(long customerId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM contact_points WHERE customer_id = :id ORDER BY id")
        .param("id", customerId)
        .query(ContactPoint.class)
        .list();
  }

  /**
   * The contact points of each of {@code customerIds}, oldest first, in one round trip; a customer
   * with none is absent from the map.
   */
  public Map<Long, List<ContactPoint>> of(Collection<Long> customerIds) {
    if (customerIds.isEmpty()) {
      return Map.of();
    }
    return jdbc
        .sql(
            "SELECT "
                + COLUMNS
                + " FROM contact_points WHERE customer_id = ANY(CAST(:ids AS bigint[]))"
                + " ORDER BY id")
        .param("ids", customerIds.toArray(Long[]::new))
        .query(ContactPoint.class)
        .list()
        .stream()
        .collect(Collectors.groupingBy(ContactPoint::customerId));
  }

  /**
   * An app installation by its id, for the app channel to find the push token of an outbox
   * recipient; empty when no customer has it.
   */
  public Optional<ContactPoint> appInstallation(String installationId) {
    return jdbc.sql(
            "SELECT "
                + COLUMNS
                + " FROM contact_points WHERE channel = 'app' AND address = :address"
                + " ORDER BY id LIMIT 1")
        .param("address", installationId)
        .query(ContactPoint.class)
        .optional();
  }

  boolean remove(long customerId, long id) {
    return jdbc.sql("DELETE FROM contact_points WHERE customer_id = :customerId AND id = :id")
            .param("customerId", customerId)
            .param("id", id)
            .update()
        == 1;
  }
}
