package dev.forewarn.outreach.rules;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The rules table (every version of every rule, at most one of them active) and {@code rule_heads},
 * the rule's life beyond its versions: deleted or not, and what the broker last acknowledged.
 */
@Repository
class RuleStore {

  private static final String COLUMNS =
      "r.id, r.version, r.document::text AS document, r.active, r.created_at,"
          + " (SELECT a.version FROM rules a WHERE a.id = r.id AND a.active) AS active_version,"
          + " h.deleted_at, h.published_version, h.published_active, h.published_at";
  private static final String FROM = " FROM rules r JOIN rule_heads h ON h.id = r.id";

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

  /** The newest version of a rule, deleted or not. */
  Optional<StoredRule> latest(String id) {
    return jdbc.sql(
            "SELECT " + COLUMNS + FROM + " WHERE r.id = :id ORDER BY r.version DESC LIMIT 1")
        .param("id", id)
        .query(StoredRule.class)
        .optional();
  }

  Optional<StoredRule> version(String id, int version) {
    return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE r.id = :id AND r.version = :version")
        .param("id", id)
        .param("version", version)
        .query(StoredRule.class)
        .optional();
  }

  /** Every version of a rule, newest first. */
  List<StoredRule> versions(String id) {
    return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE r.id = :id ORDER BY r.version DESC")
        .param("id", id)
        .query(StoredRule.class)
        .list();
  }

  /**
   * Stores a version, the active one when {@code active} (deactivating the others); the rule is no
   * longer deleted.
   */
  StoredRule add(String id, int version, String document, boolean active) {
    if (active) {
      deactivate(id);
    }
    jdbc.sql(
            "INSERT INTO rule_heads (id) VALUES (:id)"
                + " ON CONFLICT (id) DO UPDATE SET deleted_at = NULL")
        .param("id", id)
        .update();
    jdbc.sql(
            "INSERT INTO rules (id, version, document, active)"
                + " VALUES (:id, :version, CAST(:document AS jsonb), :active)")
        .param("id", id)
        .param("version", version)
        .param("document", document)
        .param("active", active)
        .update();
    return version(id, version).orElseThrow();
  }

  /** Makes a version the one in force. */
  void activate(String id, int version) {
    deactivate(id);
    jdbc.sql("UPDATE rules SET active = true WHERE id = :id AND version = :version")
        .param("id", id)
        .param("version", version)
        .update();
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

  void markDeleted(String id) {
    jdbc.sql("UPDATE rule_heads SET deleted_at = now() WHERE id = :id AND deleted_at IS NULL")
        .param("id", id)
        .update();
  }

  /** Records what the broker acknowledged for a rule: a version, active or withdrawn. */
  void markPublished(String id, int version, boolean active) {
    jdbc.sql(
            "UPDATE rule_heads SET published_version = :version, published_active = :active,"
                + " published_at = now() WHERE id = :id")
        .param("id", id)
        .param("version", version)
        .param("active", active)
        .update();
  }

  /** The newest version of every rule that is not deleted, active or not. */
  List<StoredRule> latestOfEach() {
    return jdbc.sql(
            "SELECT DISTINCT ON (r.id) "
                + COLUMNS
                + FROM
                + " WHERE h.deleted_at IS NULL ORDER BY r.id, r.version DESC")
        .query(StoredRule.class)
        .list();
  }

  /** Every rule id ever stored, deleted ones included: each has a state to publish. */
  List<String> ids() {
    return jdbc.sql("SELECT id FROM rule_heads ORDER BY id").query(String.class).list();
  }

  /** The version in force for each rule that has one. */
  List<StoredRule> active() {
    return jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE r.active ORDER BY r.id")
        .query(StoredRule.class)
        .list();
  }
}
