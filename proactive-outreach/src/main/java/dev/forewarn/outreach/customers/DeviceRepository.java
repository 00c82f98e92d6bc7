package dev.forewarn.outreach.customers;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The devices table and the owner lookup that intake uses. */
@Repository
public class DeviceRepository {

  private static final String COLUMNS = "device_id, customer_id, nickname, model, created_at";

  private final JdbcClient jdbc;

  DeviceRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** Who owns a device and how to reach them; empty for a device nobody registered. */
  public Optional<Owner> ownerOf(String deviceId) {
    return jdbc.sql(
            "SELECT c.id, c.name, c.phone, c.email, c.locale, d.nickname, d.model"
                + " FROM devices d JOIN customers c ON c.id = d.customer_id"
                + " WHERE d.device_id = :deviceId")
        .param("deviceId", deviceId)
        .query(
            (rs, row) ->
                new Owner(
                    rs.getLong("id"),
                    rs.getString("name"),
                    Optional.ofNullable(rs.getString("phone")),
                    Optional.ofNullable(rs.getString("email")),
                    rs.getString("locale"),
                    Optional.ofNullable(rs.getString("nickname")),
                    Optional.ofNullable(rs.getString("model"))))
        .optional();
  }

  /**
   * Registers a device, or gives an existing one a new owner, nickname and model.
   *
   * @return the device and whether it is new
   */
  Registered register(NewDevice device) {
    return jdbc.sql(
            "INSERT INTO devices (device_id, customer_id, nickname, model)"
                + " VALUES (:deviceId, :customerId, :nickname, :model)"
                + " ON CONFLICT (device_id) DO UPDATE SET customer_id = EXCLUDED.customer_id,"
                + " nickname = EXCLUDED.nickname, model = EXCLUDED.model"
                + " RETURNING "
                + COLUMNS
                + ", (xmax = 0) AS inserted")
        .param("deviceId", device.deviceId())
        .param("customerId", device.customerId())
        .param("nickname", device.nickname())
        .param("model", device.model())
        .query(
            (rs, row) ->
                new Registered(
                    new Device(
                        rs.getString("device_id"),
                        rs.getLong("customer_id"),
                        rs.getString("nickname"),
                        rs.getString("model"),
                        rs.getTimestamp("created_at").toInstant()),
                    rs.getBoolean("inserted")))
        .single();
  }

  Optional<Device> find(String deviceId) {
    return jdbc.sql("SELECT " + COLUMNS + " FROM devices WHERE device_id = :deviceId")
        .param("deviceId", deviceId)
        .query(Device.class)
        .optional();
  }

  List<Device> ownedBy(long customerId) {
    return jdbc.sql(
            "SELECT " + COLUMNS + " FROM devices WHERE customer_id = :id ORDER BY device_id")
        .param("id", customerId)
        .query(Device.class)
        .list();
  }

  /** A device after registration, and whether it was new. */
  record Registered(Device device, boolean created) {}
}
