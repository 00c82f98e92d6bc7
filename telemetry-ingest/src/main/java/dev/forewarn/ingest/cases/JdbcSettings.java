package dev.forewarn.ingest.cases;

import java.io.Serializable;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Objects;
import java.util.Properties;

/**
 * The PostgreSQL database that proactive-outreach owns and the job writes to.
 *
 * @param url JDBC URL, e.g. {@code jdbc:postgresql://127.0.0.1:5432/forewarn}
 * @param user user name
 * @param password password
 */
public record JdbcSettings(String url, String user, String password) implements Serializable {

  public JdbcSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
  }

  /**
   * A new connection with auto-commit off. Timeouts keep a dead server from hanging the job; the
   * URL's own parameters take precedence over these defaults.
   */
  public Connection connect() throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("user", user);
    properties.setProperty("password", password);
    properties.setProperty("connectTimeout", "10");
    properties.setProperty("socketTimeout", "60");
    properties.setProperty("tcpKeepAlive", "true");
    properties.setProperty("ApplicationName", "forewarn-telemetry-ingest");
    Connection connection = DriverManager.getConnection(url, properties);
    connection.setAutoCommit(false);
    return connection;
  }

  /** The URL without any password parameter, for messages and logs. */
  public String safeUrl() {
    return url.replaceAll("(?i)(password=)[^&]*", "$1***");
  }

  @Override
  public String toString() {
    return "JdbcSettings[url=" + safeUrl() + ", user=" + user + "]";
  }
}
