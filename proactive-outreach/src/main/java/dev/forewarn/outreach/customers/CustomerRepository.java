package dev.forewarn.outreach.customers;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The customers table. */
@Repository
class CustomerRepository {

  private static final String COLUMNS = "id, name, phone, email, locale, created_at";

  private final JdbcClient jdbc;

  CustomerRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Customer add(NewCustomer customer) {
    return jdbc.sql(
            "INSERT INTO customers (name, phone, email, locale)"
                + " VALUES (:name, :phone, :email, :locale) RETURNING "
                + COLUMNS)
        .param("name", customer.name().strip())
        .param("phone", customer.phone())
        .param("email", customer.email())
        .param("locale", customer.locale() == null ? "en" : customer.locale())
        .query(Customer.class)
        .single();
  }

  Optional<Customer> find(long id) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM customers WHERE id = :id")
        .param("id", id)
        .query(Customer.class)
        .optional();
  }
}
