package dev.forewarn.outreach.history;

import dev.forewarn.history.TelemetryHistory;
import dev.forewarn.outreach.web.ServiceUnavailableException;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * The telemetry history in InfluxDB, when one is configured: one client for the whole service
 * (thread-safe), used by the device views, telemetry series and backtests.
 */
@Component
public class History implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(History.class);

  private final Optional<TelemetryHistory> history;
  private final String where;

  History(HistoryProperties properties) {
    this.history = properties.connection().map(TelemetryHistory::new);
    this.where = properties.connection().map(Object::toString).orElse("(none)");
    if (history.isEmpty()) {
      log.info("telemetry history is not read: forewarn.influx.url is not set");
    }
  }

  public boolean configured() {
    return history.isPresent();
  }

  /**
   * The history client, for work that runs longer than one query.
   *
   * @throws ServiceUnavailableException when no history is configured
   */
  public TelemetryHistory client() {
    return history.orElseThrow(
        () ->
            new ServiceUnavailableException(
                "the telemetry history is not configured (forewarn.influx.url)"));
  }

  /**
   * Runs a query on the history.
   *
   * @throws ServiceUnavailableException when no history is configured, or InfluxDB failed
   */
  public <T> T query(Function<TelemetryHistory, T> query) {
    TelemetryHistory influx = client();
    try {
      return query.apply(influx);
    } catch (RuntimeException e) {
      log.warn("telemetry history query failed at {}: {}", where, e.toString());
      throw new ServiceUnavailableException(
          "the telemetry history could not be read: " + e.getMessage());
    }
  }

  /** Like {@link #query}, but empty instead of failing: for views that can do without readings. */
  public <T> Optional<T> tryQuery(Function<TelemetryHistory, T> query) {
    if (history.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(query.apply(history.get()));
    } catch (RuntimeException e) {
      log.warn("telemetry history query failed at {}: {}", where, e.toString());
      return Optional.empty();
    }
  }

  @Override
  public void destroy() {
    history.ifPresent(TelemetryHistory::close);
  }
}
