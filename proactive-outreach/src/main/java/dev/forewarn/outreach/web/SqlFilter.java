package dev.forewarn.outreach.web;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.RowMapper;
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

  /** Binds a parameter that the select list or the joins use, whatever the filters are. */
  public SqlFilter with(String name, Object value) {
    params.put(name, value);
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

  /**
   * One page of the rows the filter matches, and how many match in all.
   *
   * @param columns the select list
   * @param from {@code " FROM …"}, joins included
   * @param idColumn the tie-breaker of the order
   */
  public <T> Page<T> page(
      JdbcClient jdbc,
      String columns,
      String from,
      RowMapper<T> rows,
      Paging paging,
      String idColumn) {
    long total = bind(jdbc.sql("SELECT count(*)" + from + where())).query(Long.class).single();
    List<T> items =
        bind(jdbc.sql("SELECT " + columns + from + where() + paging.sql(idColumn)))
            .query(rows)
            .list();
    return new Page<>(items, total, paging.page(), paging.size());
  }

  /** An instant as PostgreSQL's {@code timestamptz} parameter wants it; null stays null. */
  public static OffsetDateTime utc(Instant at) {
    return at == null ? null : at.atOffset(ZoneOffset.UTC);
  }

  /** A LIKE pattern that matches the text anywhere, with LIKE's own characters taken literally. */
  public static String contains(String text) {
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
  }
}
