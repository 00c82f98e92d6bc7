package dev.forewarn.rules.backtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forewarn.rules.reading.Reading;
import java.io.IOException;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SeriesCsvTest {

  @Test
  void readsATimestampValueSeriesAsOneDevicesMetric() throws IOException {
    String csv = "timestamp,value\n2014-04-01 00:00:00,-21.5\n2014-04-01 00:05:00,18\n\n";

    List<Reading> readings = SeriesCsv.readValues(new StringReader(csv), "art.csv", "art", "value");

    assertThat(readings)
        .containsExactly(
            new Reading(
                "art", Instant.parse("2014-04-01T00:00:00Z"), 0, "", Map.of("value", -21.5)),
            new Reading(
                "art", Instant.parse("2014-04-01T00:05:00Z"), 1, "", Map.of("value", 18.0)));
  }

  @Test
  void readsManyDevicesWithModelsAndUnmeasuredMetrics() throws IOException {
    String csv =
        "device,timestamp,model,s2,s3\n"
            + "engine-1,2026-01-01T00:00:00Z,FD001,641.8,1589.7\n"
            + "engine-2,2026-01-01T01:00:00+01:00,FD001,,1590.1\n"
            + "engine-1,2026-01-01 01:00:00.5,,642.1,\n";

    List<Reading> readings = SeriesCsv.readDevices(new StringReader(csv), "fleet.csv");

    assertThat(readings)
        .containsExactly(
            new Reading(
                "engine-1",
                Instant.parse("2026-01-01T00:00:00Z"),
                0,
                "FD001",
                Map.of("s2", 641.8, "s3", 1589.7)),
            new Reading(
                "engine-2",
                Instant.parse("2026-01-01T00:00:00Z"),
                1,
                "FD001",
                Map.of("s3", 1590.1)),
            new Reading(
                "engine-1", Instant.parse("2026-01-01T01:00:00.5Z"), 2, "", Map.of("s2", 642.1)));
  }

  @Test
  void refusesBadCellsNamingSourceLineAndColumn() {
    assertThatThrownBy(
            () -> values("timestamp,value\n2014-04-01 00:00:00,1\n2014-04-01 00:05:00,x\n"))
        .hasMessage("a.csv line 3, column value: not a number (\"x\")");
    assertThatThrownBy(() -> values("timestamp,value\n2014-04-01,1\n"))
        .hasMessage("a.csv line 2, column timestamp: not a timestamp (\"2014-04-01\")");
    assertThatThrownBy(() -> values("timestamp,value\n2014-04-01 00:00:00,NaN\n"))
        .hasMessage("a.csv line 2, column value: not a finite number (\"NaN\")");
    assertThatThrownBy(() -> values("timestamp,value\n2014-04-01 00:00:00,1,2\n"))
        .hasMessage("a.csv line 2: 3 cells, the header has 2");
  }

  @Test
  void refusesAMissingOrWrongHeader() {
    assertThatThrownBy(() -> values("")).hasMessage("a.csv: empty, a header row is required");
    assertThatThrownBy(() -> values("time,value\n"))
        .hasMessage("a.csv line 1: header must be timestamp,value, got time,value");
    assertThatThrownBy(
            () -> SeriesCsv.readDevices(new StringReader("device,timestamp,s2,s2\n"), "f.csv"))
        .hasMessage("f.csv line 1: column 4 is empty or repeated: \"s2\"");
  }

  @Test
  void refusesAManyDeviceRowWithoutAnyValueOrDevice() {
    assertThatThrownBy(
            () ->
                SeriesCsv.readDevices(
                    new StringReader("device,timestamp,s2\nengine-1,2026-01-01T00:00:00Z,\n"),
                    "f.csv"))
        .hasMessage("f.csv line 2, column timestamp: no metric has a value in this row");
    assertThatThrownBy(
            () ->
                SeriesCsv.readDevices(
                    new StringReader("device,timestamp,s2\n,2026-01-01T00:00:00Z,1\n"), "f.csv"))
        .hasMessage("f.csv line 2, column device: device is empty");
  }

  private static List<Reading> values(String csv) throws IOException {
    return SeriesCsv.readValues(new StringReader(csv), "a.csv", "a", "value");
  }
}
