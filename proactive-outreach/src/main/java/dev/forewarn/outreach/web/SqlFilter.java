package dev.forewarn.outreach.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The {@code WHERE} clause of a filtered list, built from the filters a request gave: each
 * condition is fixed SQL text with named parameters, so values never become SQL.
 */
public final class SqlFilter {

  private final List<String> conditions = new ArrayList<>();
  private final Map<String, Object> params = new LinkedHashMap<>();

  /** Adds a condition when the value is present; {@code :name} in it is bound to the value. */
  public SqlFilter when(Object value, String condition, String name) {
    if (value != null) {
      conditions.add(condition);
      params.put(name, value);
    }
    return this;
  }

  /** Adds a condition that needs no value. */
  public SqlFilter always(String condition) {
    conditions.add(condition);
    return this;
  }

  public String where() {
    return conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
  }

  /** A statement with the filter's parameters bound. */
  public JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement) {
    params.forEach(statement::param);
    return statement;
  }

  /** A LIKE pattern that matches the text anywhere, with LIKE's own characters taken literally. */
  public static String contains(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
