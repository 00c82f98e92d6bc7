package dev.forewarn.outreach.security.tokens;

import dev.forewarn.outreach.security.Principals;
import dev.forewarn.outreach.security.Role;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.stereotype.Service;

/**
 * Makes, lists, revokes and recognises API tokens. A token is {@code fw_} and 32 random bytes
 * (Base64url); the table keeps its SHA-256 and its first characters. A fast hash is enough for 256
 * random bits, and it lets every request find its token with one indexed lookup.
 */
@Service
public class ApiTokens {

  /** Every API token starts with this; case links never do. */
  public static final String PREFIX = "fw_";

  private static final Logger log = LoggerFactory.getLogger(ApiTokens.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final JdbcClient jdbc;

  ApiTokens(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** A token as listed: never the token itself. */
  public record TokenInfo(
      long id,
      String name,
      String prefix,
      Role role,
      Long customerId,
      String createdBy,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt) {}

  /** A token just made: the only time its secret is seen. */
  public record Issued(TokenInfo info, String token) {}

  /**
   * Makes a token.
   *
   * @param customerId the customer a CUSTOMER token acts for; null for staff roles
   * @param expiresAt when it stops working; null for never
   */
  public Issued issue(
      String name, Role role, Long customerId, Instant expiresAt, String createdBy) {
    if ((role == Role.CUSTOMER) != (customerId != null)) {
      throw new IllegalArgumentException("a CUSTOMER token needs a customer, other roles none");
    }
    byte[] secret = new byte[32];
    RANDOM.nextBytes(secret);
    String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    long id =
        jdbc.sql(
                "INSERT INTO api_tokens (name, token_hash, prefix, role, customer_id, created_by,"
                    + " expires_at) VALUES (:name, :hash, :prefix, :role, :customer, :by,"
                    + " :expires) RETURNING id")
            .param("name", name)
            .param("hash", sha256(token))
            .param("prefix", token.substring(0, 8))
            .param("role", role.name())
            .param("customer", customerId)
            .param("by", createdBy)
            .param("expires", expiresAt == null ? null : expiresAt.atOffset(ZoneOffset.UTC))
            .query(Long.class)
            .single();
    log.info("api token created token_id={} role={} by={}", id, role, createdBy);
    return new Issued(find(id).orElseThrow(), token);
  }

  public List<TokenInfo> list() {
    return jdbc.sql(SELECT + " ORDER BY id").query(ApiTokens::info).list();
  }

  public Optional<TokenInfo> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(ApiTokens::info).optional();
  }

  /**
   * Revokes a token: from now on it gets 401.
   *
   * @return false when there is no such token
   */
  public boolean revoke(long id, String by) {
    boolean known =
        jdbc.sql("UPDATE api_tokens SET revoked_at = COALESCE(revoked_at, now()) WHERE id = :id")
                .param("id", id)
                .update()
            == 1;
    if (known) {
      log.info("api token revoked token_id={} by={}", id, by);
    }
    return known;
  }

  /** The principal of a live token (not revoked, not expired), or empty. */
  public Optional<OAuth2AuthenticatedPrincipal> principal(String token) {
    if (token == null || !token.startsWith(PREFIX)) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT name, role, customer_id FROM api_tokens WHERE token_hash = :hash"
                + " AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > now())")
        .param("hash", sha256(token))
        .query(
            (rs, row) -> {
              Role role = Role.of(rs.getString("role"));
              return role == Role.CUSTOMER
                  ? (OAuth2AuthenticatedPrincipal)
                      new Principals.Customer(rs.getLong("customer_id"))
                  : new Principals.Staff("token:" + rs.getString("name"), role);
            })
        .optional();
  }

  private static final String SELECT =
      "SELECT id, name, prefix, role, customer_id, created_by, created_at, expires_at,"
          + " revoked_at FROM api_tokens";

  private static TokenInfo info(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    long customer = rs.getLong("customer_id");
    Long customerId = rs.wasNull() ? null : customer;
    return new TokenInfo(
        rs.getLong("id"),
        rs.getString("name"),
        rs.getString("prefix"),
        Role.of(rs.getString("role")),
        customerId,
        rs.getString("created_by"),
        instant(rs.getObject("created_at", OffsetDateTime.class)),
        instant(rs.getObject("expires_at", OffsetDateTime.class)),
        instant(rs.getObject("revoked_at", OffsetDateTime.class)));
  }

  private static Instant instant(OffsetDateTime time) {
    return time == null ? null : time.toInstant();
  }

  /** What the table keeps of a token: its SHA-256. */
  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
