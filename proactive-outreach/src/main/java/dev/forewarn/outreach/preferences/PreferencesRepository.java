package dev.forewarn.outreach.preferences;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes the preference columns of the customers table. */
@Repository
public class PreferencesRepository {

  private static final TypeReference<Map<String, List<String>>> ORDER = new TypeReference<>() {};

  private static final String COLUMNS =
      "locale, time_zone, quiet_start, quiet_end, critical_overrides_quiet,"
          + " channel_order::text AS channel_order, opted_out_channels, stopped_at";

  private final JdbcClient jdbc;
  private final ObjectMapper json;

  PreferencesRepository(JdbcClient jdbc, ObjectMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public Optional<Preferences> of(long customerId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM customers WHERE id = :id")
        .param("id", customerId)
        .query(this::preferences)
        .optional();
  }

  /**
   * The preferences of each of {@code customerIds}, in one round trip; ids of no customer are
   * absent from the map.
   */
  public Map<Long, Preferences> of(Collection<Long> customerIds) {
    if (customerIds.isEmpty()) {
      return Map.of();
    }
    Map<Long, Preferences> found = new HashMap<>();
    jdbc.sql("SELECT id, " + COLUMNS + " FROM customers WHERE id = ANY(CAST(:ids AS bigint[]))")
        .param("ids", customerIds.toArray(Long[]::new))
        .query(
            rs -> {
              found.put(rs.getLong("id"), preferences(rs, 0));
            });
    return found;
  }

  public void save(long customerId, Preferences p) {
    QuietHours quiet = p.quietHours();
    jdbc.sql(
            "UPDATE customers SET locale = :locale, time_zone = :zone, quiet_start = :start,"
                + " quiet_end = :end, critical_overrides_quiet = :override,"
                + " channel_order = CAST(:order AS jsonb),"
                + " opted_out_channels = CAST(:optedOut AS text[]) WHERE id = :id")
        .param("locale", p.locale())
        .param("zone", p.timeZone())
        .param("start", quiet == null ? null : quiet.start())
        .param("end", quiet == null ? null : quiet.end())
        .param("override", quiet == null || quiet.criticalOverrides())
        .param("order", write(p.channelOrder()))
        .param("optedOut", "{" + String.join(",", p.optedOut()) + "}")
        .param("id", customerId)
        .update();
  }

  /**
   * Records an SMS STOP (or a START, with {@code stopped} false) for every customer reachable at
   * the number.
   *
   * @return the customers concerned
   */
  public List<Long> setStopped(String phone, boolean stopped) {
    return jdbc.sql(
            "UPDATE customers SET stopped_at = CASE WHEN :stopped THEN COALESCE(stopped_at, now())"
                + " END WHERE id IN (SELECT customer_id FROM contact_points"
                + " WHERE channel = 'sms' AND address = :phone) RETURNING id")
        .param("stopped", stopped)
        .param("phone", phone)
        .query(Long.class)
        .list();
  }

  private Preferences preferences(ResultSet rs, int row) throws SQLException {
    LocalTime start = rs.getObject("quiet_start", LocalTime.class);
    LocalTime end = rs.getObject("quiet_end", LocalTime.class);
    Array optedOut = rs.getArray("opted_out_channels");
    OffsetDateTime stopped = rs.getObject("stopped_at", OffsetDateTime.class);
    return new Preferences(
        rs.getString("locale"),
        rs.getString("time_zone"),
        start == null
            ? null
            : new QuietHours(start, end, rs.getBoolean("critical_overrides_quiet")),
        read(rs.getString("channel_order")),
        optedOut == null ? List.of() : Arrays.asList((String[]) optedOut.getArray()),
        stopped == null ? null : stopped.toInstant());
  }

  private Map<String, List<String>> read(String text) {
    try {
      return json.readValue(text, ORDER);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored channel_order is not valid JSON: " + text, e);
    }
  }

  private String write(Map<String, List<String>> order) {
    try {
      return json.writeValueAsString(order == null ? Map.of() : order);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
