package dev.forewarn.outreach.customers;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The customers table; phone and email are the customer's first sms and email contact points. */
@Repository
public class CustomerRepository {

  private final JdbcClient jdbc;
  private final ContactPointRepository contactPoints;

  CustomerRepository(JdbcClient jdbc, ContactPointRepository contactPoints) {
    this.jdbc = jdbc;
    this.contactPoints = contactPoints;
  }

  /** Adds the customer and the phone number and email address it came with, together. */
  @Transactional
  Customer add(NewCustomer customer) {
    long id =
        jdbc.sql(
                "INSERT INTO customers (name, locale, time_zone)"
                    + " VALUES (:name, :locale, :zone) RETURNING id")
            .param("name", customer.name().strip())
            .param("locale", customer.locale() == null ? "en" : customer.locale())
            .param("zone", customer.timeZone() == null ? "UTC" : customer.timeZone())
            .query(Long.class)
            .single();
    if (customer.phone() != null) {
      contactPoints.add(id, new NewContactPoint("sms", customer.phone(), null, null));
    }
    if (customer.email() != null) {
      contactPoints.add(id, new NewContactPoint("email", customer.email(), null, null));
    }
    return find(id).orElseThrow();
  }

  public Optional<Customer> find(long id) {
    return jdbc.sql(
            "SELECT c.id, c.name,"
                + " (SELECT address FROM contact_points p WHERE p.customer_id = c.id"
                + "  AND p.channel = 'sms' ORDER BY p.id LIMIT 1) AS phone,"
                + " (SELECT address FROM contact_points p WHERE p.customer_id = c.id"
                + "  AND p.channel = 'email' ORDER BY p.id LIMIT 1) AS email,"
                + " c.locale, c.time_zone, c.created_at FROM customers c WHERE c.id = :id")
        .param("id", id)
        .query(Customer.class)
        .optional();
  }
}
