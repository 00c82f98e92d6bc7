package dev.forewarn.outreach.devices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.history.LatestReading;
import dev.forewarn.outreach.history.History;
import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.NotFoundException;
import dev.forewarn.outreach.web.OperationsQueries;
import dev.forewarn.outreach.web.Page;
import dev.forewarn.outreach.web.Paging;
import dev.forewarn.outreach.web.SqlFilter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Devices with their health and open cases (PostgreSQL) and their newest reading (InfluxDB, one
 * query per page), for the API and the console alike.
 */
@Service
public class DeviceViews {

  /** Sort fields of the device list. */
  public static final Map<String, String> SORTS =
      Map.of("deviceId", "d.device_id", "createdAt", "d.created_at", "health", "o.worst");

  static final Set<String> HEALTH = Set.of("OK", "INFO", "WARNING", "CRITICAL");

  private static final String COLUMNS =
      "d.device_id, d.customer_id, d.secondary_customer_id, d.nickname, d.model,"
          + " d.created_at, COALESCE(o.worst, 0) AS worst, o.cases::text AS cases,"
          + " k.refused AS clock_refused, k.last_seen AS clock_last_seen, k.problem AS clock_problem";

  private static final String FROM =
      " FROM devices d LEFT JOIN LATERAL ("
          + "  SELECT max(CASE c.severity WHEN 'CRITICAL' THEN 3 WHEN 'WARNING' THEN 2 ELSE 1 END)"
          + "   AS worst, jsonb_agg(jsonb_build_object('id', c.id, 'ruleId', c.rule_id,"
          + "   'ruleVersion', c.rule_version, 'severity', c.severity, 'openedAt', c.opened_at,"
          + "   'summary', c.summary) ORDER BY c.id) AS cases"
          + "  FROM cases c WHERE c.device_id = d.device_id AND c.status = 'OPEN') o ON true"
          + " LEFT JOIN LATERAL ("
          + "  SELECT count(*) AS refused, max(l.received_at) AS last_seen,"
          + "   (array_agg(l.clock ORDER BY l.received_at DESC, l.id DESC))[1] AS problem"
          + "  FROM dead_letters l WHERE l.device_id = d.device_id AND l.clock IS NOT NULL"
          + "   AND l.received_at >= :clockSince) k ON true";

  private final JdbcClient jdbc;
  private final History history;
  private final ObjectMapper json;
  private final Clock clock;

  DeviceViews(JdbcClient jdbc, History history, ObjectMapper json, Clock clock) {
    this.jdbc = jdbc;
    this.history = history;
    this.json = json;
    this.clock = clock;
  }

  /**
   * Devices matching the filters (each may be null), a page at a time, with their newest readings.
   */
  public Page<DeviceOverview> list(Long customerId, String model, String health, Paging paging) {
    if (health != null && !HEALTH.contains(health)) {
      throw new BadRequestException("health", "must be one of OK, INFO, WARNING, CRITICAL");
    }
    SqlFilter filter =
        new SqlFilter()
            .when(customerId, "d.customer_id = :customer", "customer")
            .when(model, "d.model = :model", "model")
            .when(health == null ? null : worst(health), "COALESCE(o.worst, 0) = :worst", "worst")
            .with("clockSince", clockSince());
    Page<DeviceOverview> page =
        filter.page(jdbc, COLUMNS, FROM, this::overview, paging, "d.device_id");
    return new Page<>(withLatest(page.items()), page.total(), page.page(), page.size());
  }

  /** One device with its newest reading. */
  public DeviceOverview find(String deviceId) {
    DeviceOverview device =
        jdbc.sql("SELECT " + COLUMNS + FROM + " WHERE d.device_id = :id")
            .param("id", deviceId)
            .param("clockSince", clockSince())
            .query(this::overview)
            .optional()
            .orElseThrow(() -> new NotFoundException("no device with id " + deviceId));
    return withLatest(List.of(device)).get(0);
  }

  /** Whether a device is registered. */
  public boolean exists(String deviceId) {
    return jdbc.sql("SELECT count(*) FROM devices WHERE device_id = :id")
            .param("id", deviceId)
            .query(Long.class)
            .single()
        > 0;
  }

  private List<DeviceOverview> withLatest(List<DeviceOverview> devices) {
    if (devices.isEmpty()) {
      return devices;
    }
    Map<String, LatestReading> latest =
        history
            .tryQuery(h -> h.latest(devices.stream().map(DeviceOverview::deviceId).toList()))
            .orElse(Map.of());
    return devices.stream().map(d -> d.withLatest(latest.get(d.deviceId()))).toList();
  }

  private OffsetDateTime clockSince() {
    return SqlFilter.utc(clock.instant().minus(OperationsQueries.CLOCK_WINDOW));
  }

  private DeviceOverview overview(ResultSet rs, int row) throws SQLException {
    int worst = rs.getInt("worst");
    String cases = rs.getString("cases");
    return new DeviceOverview(
        rs.getString("device_id"),
        rs.getLong("customer_id"),
        rs.getObject("secondary_customer_id", Long.class),
        rs.getString("nickname"),
        rs.getString("model"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant(),
        switch (worst) {
          case 3 -> "CRITICAL";
          case 2 -> "WARNING";
          case 1 -> "INFO";
          default -> "OK";
        },
        null,
        cases == null ? List.of() : openCases(cases),
        clockStatus(rs));
  }

  private static DeviceOverview.ClockStatus clockStatus(ResultSet rs) throws SQLException {
    long refused = rs.getLong("clock_refused");
    if (refused == 0) {
      return null;
    }
    return new DeviceOverview.ClockStatus(
        rs.getString("clock_problem"),
        rs.getObject("clock_last_seen", OffsetDateTime.class).toInstant(),
        refused);
  }

  private List<DeviceOverview.OpenCase> openCases(String cases) {
    try {
      return json.readValue(cases, new TypeReference<>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("open cases are not JSON", e);
    }
  }

  private static int worst(String health) {
    return switch (health) {
      case "CRITICAL" -> 3;
      case "WARNING" -> 2;
      case "INFO" -> 1;
      default -> 0;
    };
  }
}
