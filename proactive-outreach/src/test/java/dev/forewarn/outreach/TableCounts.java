package dev.forewarn.outreach;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The number of rows in every table of the test's schema, to show that a refused request changed
 * nothing, and that every table is still there.
 */
public final class TableCounts {

  private TableCounts() {}

  public static Map<String, Long> of(JdbcTemplate jdbc) {
    Map<String, Long> counts = new TreeMap<>();
    for (String table :
        jdbc.queryForList(
            "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            String.class)) {
      counts.put(table, jdbc.queryForObject("SELECT count(*) FROM \"" + table + "\"", Long.class));
    }
    return counts;
  }
}
