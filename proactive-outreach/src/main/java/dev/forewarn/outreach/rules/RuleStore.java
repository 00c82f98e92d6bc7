package dev.forewarn.outreach.rules;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The rules table: every version of every rule, at most one of them active. */
@Repository
class RuleStore {

  private static final String COLUMNS =
      "id, version, document::text AS document, active, created_at";

  private final JdbcClient jdbc;

  RuleStore(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Serialises writers of one rule id until the caller's transaction ends. */
  void lock(String id) {
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('rules:' || :id))")
        .param("id", id)
        .query((rs, row) -> row)
        .list();
  }

  Optional<StoredRule> latest(String id) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM rules WHERE id = :id ORDER BY version DESC LIMIT 1")
        .param("id", id)
        .query(StoredRule.class)
        .optional();
  }

  /** Stores a version as the active one, deactivating the others. */
  StoredRule addActive(String id, int version, String document) {
    deactivate(id);
    return jdbc.sql(
            "INSERT INTO rules (id, version, document, active)"
                + " VALUES (:id, :version, CAST(:document AS jsonb), true) RETURNING "
                + COLUMNS)
        .param("id", id)
        .param("version", version)
        .param("document", document)
        .query(StoredRule.class)
        .single();
  }

  /**
   * @return whether a version was active
   */
  boolean deactivate(String id) {
    return jdbc.sql("UPDATE rules SET active = false WHERE id = :id AND active")
            .param("id", id)
            .update()
        > 0;
  }

  /** The newest version of every rule, active or not. */
  List<StoredRule> latestOfEach() {
    return jdbc.sql("SELECT DISTINCT ON (id) " + COLUMNS + " FROM rules ORDER BY id, version DESC")
        .query(StoredRule.class)
        .list();
  }

  /** The version in force for each rule that has one. */
  List<StoredRule> active() {
    return jdbc.sql("SELECT " + COLUMNS + " FROM rules WHERE active ORDER BY id")
        .query(StoredRule.class)
        .list();
  }
}
