package dev.forewarn.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.forewarn.rules.backtest.BacktestReport;
import dev.forewarn.rules.backtest.Backtester;
import dev.forewarn.rules.backtest.FailureTimes;
import dev.forewarn.rules.document.RuleJson;
import dev.forewarn.rules.reading.Reading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CmapssTest {

  static final String S11_HIGH =
      "{\"id\":\"s11-high\",\"type\":\"threshold\",\"severity\":\"warning\",\"metric\":\"s11\","
          + "\"direction\":\"above\",\"level\":48.0}";

  @TempDir Path dir;

  @Test
  void readsEachEngineAsADeviceWithOneReadingPerCycleAnHourApart() throws IOException {
    Path file =
        write(
            List.of(
                CmapssFiles.row(1, 1, 47.2),
                CmapssFiles.row(1, 2, 47.3),
                CmapssFiles.row(2, 1, 47.1)));

    List<Reading> readings = Cmapss.read(file);

    assertThat(readings)
        .extracting(Reading::deviceId)
        .containsExactly("engine-1", "engine-1", "engine-2");
    assertThat(readings.get(1).ts()).isEqualTo(Instant.parse("2000-01-01T02:00:00Z"));
    assertThat(readings.get(1).seq()).isEqualTo(2);
    assertThat(readings.get(1).metrics())
        .hasSize(24)
        .containsEntry("s11", 47.3)
        .containsEntry("setting3", 100.0);
    assertThat(Cmapss.lastCycles(readings))
        .containsExactly(Map.entry("engine-1", 2L), Map.entry("engine-2", 1L));
    assertThat(Cmapss.cycleOf(readings.get(1).ts())).isEqualTo(2);
    assertThat(Cmapss.unitOf("engine-17")).isEqualTo(17);
  }

  @Test
  void refusesRowsThatAreNotCmapssNamingLineAndColumn() throws IOException {
    Path shortRow = write(List.of(CmapssFiles.row(1, 1, 47), "1 2 3"));
    assertThatThrownBy(() -> Cmapss.read(shortRow))
        .hasMessageEndingWith("line 2: 3 columns, C-MAPSS rows have 26");
    Path badNumber = write(List.of(CmapssFiles.row(1, 1, 47).replace("47.0", "x")));
    assertThatThrownBy(() -> Cmapss.read(badNumber))
        .hasMessageEndingWith("line 1, column s11: not a finite number (\"x\")");
    Path backwards = write(List.of(CmapssFiles.row(1, 2, 47), CmapssFiles.row(1, 2, 47)));
    assertThatThrownBy(() -> Cmapss.read(backwards))
        .hasMessageEndingWith("line 2: cycle 2 of engine 1 after cycle 2");
  }

  @Test
  void summarisesLeadsFromTheFirstAlertAndEnginesAlertedTooEarly() throws IOException {
    List<String> rows = new ArrayList<>();
    rows.addAll(CmapssFiles.engine(1, 200, 3)); // alerted at 3: lead 197, more than 125 ahead
    rows.addAll(CmapssFiles.engine(2, 200, 150)); // lead 50
    rows.addAll(CmapssFiles.engine(3, 200, 999)); // never alerted
    List<Reading> readings = Cmapss.read(write(rows));
    Map<String, Instant> failures =
        Map.of("engine-1", Cmapss.at(200), "engine-2", Cmapss.at(200), "engine-3", Cmapss.at(200));
    BacktestReport report =
        new Backtester(List.of(RuleJson.parse(S11_HIGH)))
            .run(readings, new FailureTimes(failures, Duration.ofHours(125)));

    CmapssResult result = CmapssRun.summarise(report, 3);

    assertThat(result.engines()).isEqualTo(3);
    assertThat(result.alertedShare()).isEqualTo(2.0 / 3);
    assertThat(result.medianLead()).isEqualTo(123.5);
    assertThat(result.p10Lead()).isEqualTo(64.7, within(1e-9));
    assertThat(result.earlyShare()).isEqualTo(1.0 / 3);
  }

  private Path write(List<String> rows) throws IOException {
    return Files.write(dir.resolve("train_FD001.txt"), rows);
  }
}
