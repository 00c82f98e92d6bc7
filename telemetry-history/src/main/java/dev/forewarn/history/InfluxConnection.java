package dev.forewarn.history;

import java.util.Objects;

/**
 * Where the telemetry history is: an InfluxDB 1.x HTTP address (v1 API), its credentials and the
 * database the job writes.
 *
 * @param url the HTTP address, e.g. {@code http://127.0.0.1:8086}
 * @param username user name, empty when InfluxDB has no authentication
 * @param password password, empty for none
 * @param database the database the job writes, {@code forewarn} by default
 */
public record InfluxConnection(String url, String username, String password, String database) {

  public InfluxConnection {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(database, "database");
    username = username == null ? "" : username;
    password = password == null ? "" : password;
  }

  @Override
  public String toString() {
    return "InfluxConnection[url="
        + url
        + ", database="
        + database
        + ", username="
        + username
        + "]";
  }
}
