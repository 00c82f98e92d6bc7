package dev.forewarn.ingest.cases;

import dev.forewarn.ingest.influx.RefusedPoints;
import dev.forewarn.ingest.parse.DeadLetter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Dead letters written straight into {@code dead_letters}, one transaction per call, for what is
 * refused outside the job's graph: the points InfluxDB refuses, found by the history sink's own
 * writing thread. Rare enough for a connection per call.
 */
public final class DeadLetterStore implements RefusedPoints {

  private final JdbcSettings settings;

  public DeadLetterStore(JdbcSettings settings) {
    this.settings = settings;
  }

  @Override
  public void keep(List<DeadLetter> letters) throws SQLException {
    try (Connection connection = settings.connect()) {
      connection.setAutoCommit(false);
      new DeadLetterRows().write(connection, letters);
      connection.commit();
    }
  }
}
