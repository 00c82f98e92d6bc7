package dev.forewarn.outreach.history;

import dev.forewarn.history.InfluxConnection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the telemetry job keeps its history ({@code forewarn.influx.*}). Without a URL, device
 * views show no readings and telemetry series and backtests are refused with 503.
 *
 * @param url InfluxDB's HTTP address (v1 API), e.g. {@code http://127.0.0.1:8086}
 * @param database the database the job writes
 * @param username user name, empty without authentication
 * @param password password ({@code FOREWARN_INFLUX_PASSWORD} or {@code …_FILE})
 */
@Validated
@ConfigurationProperties("forewarn.influx")
public record HistoryProperties(
    @Pattern(regexp = "https?://.+", message = "must be an http:// or https:// URL") String url,
    @NotBlank @DefaultValue("forewarn") String database,
    String username,
    String password) {

  public Optional<InfluxConnection> connection() {
    return url == null || url.isBlank()
        ? Optional.empty()
        : Optional.of(new InfluxConnection(url, username, password, database));
  }

  @Override
  public String toString() {
    return "HistoryProperties[url="
        + url
        + ", database="
        + database
        + ", username="
        + username
        + ", password=(hidden)]";
  }
}
