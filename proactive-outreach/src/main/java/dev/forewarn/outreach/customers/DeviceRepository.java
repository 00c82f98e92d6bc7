package dev.forewarn.outreach.customers;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The devices table and the ownership lookup that intake uses. */
@Repository
public class DeviceRepository {

  private static final String COLUMNS =
      "device_id, customer_id, secondary_customer_id, nickname, model, created_at";

  private final JdbcClient jdbc;

  DeviceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /**
   * Registers a device, or gives an existing one a new owner, secondary contact, nickname and
   * model.
   *
   * @return the device and whether it is new
   */
  Registered register(NewDevice device) {
    return jdbc.sql(
            "INSERT INTO devices (device_id, customer_id, secondary_customer_id, nickname, model)"
                + " VALUES (:deviceId, :customerId, :secondary, :nickname, :model)"
                + " ON CONFLICT (device_id) DO UPDATE SET customer_id = EXCLUDED.customer_id,"
                + " secondary_customer_id = EXCLUDED.secondary_customer_id,"
                + " nickname = EXCLUDED.nickname, model = EXCLUDED.model"
                + " RETURNING "
                + COLUMNS
                + ", (xmax = 0) AS inserted")
        .param("deviceId", device.deviceId())
        .param("customerId", device.customerId())
        .param("secondary", device.secondaryCustomerId())
        .param("nickname", device.nickname())
        .param("model", device.model())
        .query(
            (rs, row) -> {
              long secondary = rs.getLong("secondary_customer_id");
              return new Registered(
                  new Device(
                      rs.getString("device_id"),
                      rs.getLong("customer_id"),
                      rs.wasNull() ? null : secondary,
                      rs.getString("nickname"),
                      rs.getString("model"),
                      rs.getTimestamp("created_at").toInstant()),
                  rs.getBoolean("inserted"));
            })
        .single();
  }

  /** A device, with its owner and secondary contact; empty for a device nobody registered. */
  public Optional<Device> find(String deviceId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM devices WHERE device_id = :deviceId")
        .param("deviceId", deviceId)
        .query(Device.class)
        .optional();
  }

  /**
   * The registered devices among {@code deviceIds}, with their owners and secondary contacts, in
   * one round trip; ids nobody registered are absent from the map.
   */
  public Map<String, Device> find(Collection<String> deviceIds) {
    if (deviceIds.isEmpty()) {
      return Map.of();
    }
    return jdbc
        .sql("SELECT " + COLUMNS + " FROM devices WHERE device_id = ANY(CAST(:ids AS text[]))")
        .param("ids", deviceIds.toArray(String[]::new))
        .query(Device.class)
        .list()
        .stream()
        .collect(Collectors.toMap(Device::deviceId, Function.identity()));
  }

  public List<Device> ownedBy(long customerId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM devices WHERE customer_id = :id ORDER BY device_id")
        .param("id", customerId)
        .query(Device.class)
        .list();
  }

  /** A device after registration, and whether it was new. */
  record Registered(Device device, boolean created) {}
}
