package dev.forewarn.ingest.runs;

import java.util.Map;
import java.util.Optional;

/**
 * The database passwords a run knows, by JDBC URL and user. A ledger keeps none, so a schema left
 * behind is dropped by a later run that reaches the same database as the same user.
 */
public final class Credentials {

  private final Map<String, String> passwords;

  private Credentials(Map<String, String> passwords) {
    this.passwords = passwords;
  }

  /** Knows no password. */
  public static Credentials none() {
    return new Credentials(Map.of());
  }

  /** Knows one database password. */
  public static Credentials jdbc(String jdbcUrl, String user, String password) {
    return new Credentials(Map.of(key(jdbcUrl, user), password));
  }

  Optional<String> jdbcPassword(String jdbcUrl, String user) {
    return Optional.ofNullable(passwords.get(key(jdbcUrl, user)));
  }

  private static String key(String jdbcUrl, String user) {
    return user + "@" + jdbcUrl;
  }
}
