package dev.forewarn.ingest.cases;

import dev.forewarn.ingest.parse.DeadLetter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Dead letters into {@code dead_letters}. The table has no natural key, so a message replayed after
 * a restart may be kept twice; a duplicate dead letter is harmless, a lost one is not. The device
 * and the clock problem are null when not known or not a clock refusal.
 */
final class DeadLetterRows implements RowWriter<DeadLetter> {

  private static final String INSERT =
      "INSERT INTO dead_letters (received_at, topic, reason, payload, device_id, clock)"
          + " VALUES (?, ?, ?, ?, ?, ?)";

  @Override
  public String table() {
    return "dead_letters";
  }

  @Override
  public void write(Connection connection, List<DeadLetter> letters) throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
      for (DeadLetter letter : letters) {
        insert.setObject(1, letter.receivedAt().atOffset(ZoneOffset.UTC));
        insert.setString(2, StorableText.of(letter.topic()));
        insert.setString(3, StorableText.of(letter.reason()));
        insert.setString(4, StorableText.of(letter.payload()));
        insert.setString(5, letter.deviceId().isEmpty() ? null : letter.deviceId());
        insert.setString(6, letter.clock().isEmpty() ? null : letter.clock());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
