package dev.forewarn.ingest.influx;

import static dev.forewarn.ingest.testing.Fixtures.T0;
import static dev.forewarn.ingest.testing.Fixtures.reading;
import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.ingest.testing.ManualTime;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.flink.metrics.groups.UnregisteredMetricsGroup;
import org.junit.jupiter.api.Test;

class InfluxHistoryWriterTest {

  private static final String REFUSED = "dev-refused";

  @Test
  void halvesARefusedBatchUntilEachRefusedPointStandsAloneAndWritesTheRest() throws Exception {
    RefusingInflux influx = new RefusingInflux();
    List<DeadLetter> kept = new CopyOnWriteArrayList<>();
    InfluxHistoryWriter writer = writer(influx, 16, kept::addAll);
    for (int i = 0; i < 16; i++) {
      String device = i == 3 || i == 12 ? REFUSED : "dev-" + i;
      writer.write(reading(device, T0.plusSeconds(60L * i), 70), null);
    }
    writer.flush(true);
    writer.close();

    assertThat(kept).extracting(DeadLetter::deviceId).containsExactly(REFUSED, REFUSED);
    assertThat(kept)
        .allSatisfy(
            letter -> {
              assertThat(letter.reason())
                  .isEqualTo(
                      "history: InfluxDB refused the point: partial write: field type conflict"
                          + " dropped=1");
              assertThat(letter.payload())
                  .startsWith("telemetry,device_id=dev-refused,model=AC-200 ");
              assertThat(letter.topic()).isEqualTo("devices/dev-refused/telemetry");
            });
    assertThat(influx.taken).hasSize(14);
    // 1 + 2 halves + 4 quarters + 4 eighths + 4 single lines at most: far fewer than 16 alone.
    assertThat(influx.writes).isLessThanOrEqualTo(15);
  }

  @Test
  void keepsTryingUntilTheDeadLettersAreKept() throws Exception {
    RefusingInflux influx = new RefusingInflux();
    List<DeadLetter> kept = new CopyOnWriteArrayList<>();
    int[] failures = {2};
    InfluxHistoryWriter writer =
        writer(
            influx,
            4,
            letters -> {
              if (failures[0]-- > 0) {
                throw new SQLException("database away");
              }
              kept.addAll(letters);
            });
    writer.write(reading(REFUSED, T0, 70), null);
    writer.write(reading("dev-1", T0, 70), null);
    writer.flush(true);
    writer.close();

    assertThat(kept).extracting(DeadLetter::deviceId).containsExactly(REFUSED);
    assertThat(influx.taken).hasSize(1);
  }

  private static InfluxHistoryWriter writer(
      RefusingInflux influx, int batchSize, RefusedPoints refused) {
    InfluxSettings settings =
        new InfluxSettings("http://127.0.0.1:1", "", "", "db", batchSize, Duration.ofSeconds(1));
    return new InfluxHistoryWriter(
        settings, influx, new ManualTime(), new UnregisteredMetricsGroup(), List.of(), refused);
  }

  /**
   * InfluxDB 1.x as it answers a field type conflict: it keeps the other lines, names one reason.
   */
  private static final class RefusingInflux extends InfluxClient {

    final Set<String> taken = ConcurrentHashMap.newKeySet();
    volatile int writes;

    RefusingInflux() {
      super(new InfluxSettings("http://127.0.0.1:1", "", "", "db", 1, Duration.ofSeconds(1)));
    }

    @Override
    void createDatabase() {}

    @Override
    Optional<String> write(String lines) {
      writes++;
      List<String> refused = new ArrayList<>();
      for (String line : lines.split("\n")) {
        if (line.startsWith("telemetry,device_id=" + REFUSED + ",")) {
          refused.add(line);
        } else {
          taken.add(line);
        }
      }
      return refused.isEmpty()
          ? Optional.empty()
          : Optional.of("partial write: field type conflict dropped=" + refused.size());
    }
  }
}
