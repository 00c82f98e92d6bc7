package dev.forewarn.ingest.cases;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Checks that the tables the job writes exist, before any row is written. */
public final class Tables {

  private Tables() {}

  /**
   * Fails with a message saying what to do when a table is missing, in the schema the connection
   * uses (its search path).
   *
   * @throws IllegalStateException naming the table and the database
   * @throws SQLException when the database cannot be asked
   */
  public static void require(Connection connection, String table, JdbcSettings settings)
      throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT to_regclass(?)")) {
      query.setString(1, table);
      try (ResultSet result = query.executeQuery()) {
        boolean found = result.next() && result.getString(1) != null;
        connection.rollback();
        if (!found) {
          throw new IllegalStateException(
              "table "
                  + table
                  + " not found in "
                  + settings.safeUrl()
                  + ": start proactive-outreach once, it owns the schema");
        }
      }
    }
  }

  /** Opens a connection and checks every table in it; see {@link #require}. */
  public static void requireAll(JdbcSettings settings, String... tables) throws SQLException {
    try (Connection connection = settings.connect()) {
      for (String table : tables) {
        require(connection, table, settings);
      }
    }
  }
}
