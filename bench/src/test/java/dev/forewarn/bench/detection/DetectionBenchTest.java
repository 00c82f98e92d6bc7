package dev.forewarn.bench.detection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole command on a small corpus laid out like the real one: one NAB file of 100 rows with a
 * window on rows 40 to 49, where a threshold rule fires at row 40 (the window's left edge) and at
 * row 80 (more than 3 window widths after it); and three C-MAPSS engines of 200 cycles.
 */
class DetectionBenchTest {

  private static final DateTimeFormatter NAB_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final LocalDateTime T0 = LocalDateTime.parse("2014-04-01T00:00:00");

  @TempDir Path dir;
  private DetectionConfig config;

  @BeforeEach
  void corpus() throws IOException {
    Path nab = dir.resolve("nab");
    List<String> rows = new ArrayList<>(List.of("timestamp,value"));
    for (int i = 0; i < 100; i++) {
      boolean high = (i >= 40 && i < 45) || i == 80;
      rows.add(time(i) + "," + (high ? "100.5" : "0.25"));
    }
    write(nab.resolve("data/grp/f.csv"), rows);
    write(
        nab.resolve("labels/combined_windows.json"),
        List.of(
            "{\"grp/f.csv\": [[\"" + time(40) + ".000000\", \"" + time(49) + ".000000\"]],",
            " \"other/not_copied.csv\": [[\"2014-01-01 00:00:00.000000\", \"2014-01-02 00:00:00.000000\"]]}"));
    write(
        nab.resolve("config/profiles.json"),
        List.of(
            "{\"standard\": {\"CostMatrix\": {\"tpWeight\": 1.0, \"fnWeight\": 1.0, \"fpWeight\": 0.11, \"tnWeight\": 1.0}},",
            " \"reward_low_FP_rate\": {\"CostMatrix\": {\"tpWeight\": 1.0, \"fnWeight\": 1.0, \"fpWeight\": 0.22, \"tnWeight\": 1.0}},",
            " \"reward_low_FN_rate\": {\"CostMatrix\": {\"tpWeight\": 1.0, \"fnWeight\": 2.0, \"fpWeight\": 0.11, \"tnWeight\": 1.0}}}"));
    List<String> engines = new ArrayList<>();
    engines.addAll(CmapssFiles.engine(1, 200, 3));
    engines.addAll(CmapssFiles.engine(2, 200, 150));
    engines.addAll(CmapssFiles.engine(3, 200, 171));
    write(dir.resolve("train_FD001.txt"), engines);
    // Held out: engine 1 turns hot at cycle 90 of 100 and fails 20 cycles after its data ends,
    // engine 2 never turns hot within its data.
    List<String> cutOff = new ArrayList<>(CmapssFiles.engine(1, 100, 90));
    cutOff.addAll(CmapssFiles.engine(2, 60, 500));
    write(dir.resolve("test_FD001.txt"), cutOff);
    write(dir.resolve("RUL_FD001.txt"), List.of("20", "35"));
    write(
        dir.resolve("rules/nab.json"),
        List.of(
            "{\"id\":\"value-high\",\"type\":\"threshold\",\"severity\":\"warning\","
                + "\"metric\":\"value\",\"direction\":\"above\",\"level\":50}"));
    write(dir.resolve("rules/cmapss.json"), List.of(CmapssTest.S11_HIGH));
    // Two candidates: level 200 never fires, level 50 is the committed document.
    write(
        dir.resolve("rules/nab-grid.json"),
        List.of(
            "{\"base\": {\"id\":\"value-high\",\"type\":\"threshold\",\"severity\":\"warning\","
                + "\"metric\":\"value\",\"direction\":\"above\",\"level\":50},"
                + " \"vary\": {\"level\": [200, 50]}}"));
    config =
        new DetectionConfig(
            nab.resolve("data"),
            dir.resolve("train_FD001.txt"),
            dir.resolve("test_FD001.txt"),
            dir.resolve("RUL_FD001.txt"),
            dir.resolve("out"),
            dir.resolve("rules"),
            dir.resolve("rules/nab-grid.json"),
            null,
            null,
            null);
  }

  @Test
  void scoresNabAndCmapssAndPrintsTheSummaryLine() throws Exception {
    String line = DetectionBench.run(config);

    // standard: 1 - 0.11 = 0.89 raw, (0.89 + 1) / 2; low FP: (0.78 + 1) / 2; low FN: (0.89 + 2) / 3
    // C-MAPSS leads 197, 50, 29: median 50, p10 33.2; engine 1 alerted 197 > 125 cycles ahead
    assertThat(line)
        .isEqualTo(
            "detection: nab_standard=94.50 nab_low_fp=89.00 nab_low_fn=96.33 cmapss_alerted=1.00"
                + " cmapss_median_lead=50.0 cmapss_p10_lead=33.2 cmapss_early_share=0.33");
  }

  @Test
  void writesPerFileScoresAlertsAndFiguresReproducibly() throws Exception {
    DetectionBench.run(config);
    Path out = dir.resolve("out");

    List<String> scored = Files.readAllLines(out.resolve("nab/grp/f.csv"));
    assertThat(scored).hasSize(101).startsWith("timestamp,value,anomaly_score");
    assertThat(scored.get(41)).isEqualTo(time(40) + ",100.5,1");
    assertThat(scored.get(42)).isEqualTo(time(41) + ",100.5,0");
    assertThat(scored.stream().filter(l -> l.endsWith(",1"))).hasSize(2);
    assertThat(Files.readAllLines(out.resolve("cmapss/alerts.csv")))
        .containsExactly("unit,cycle", "1,3", "2,150", "3,171");
    String cmapss = Files.readString(out.resolve("cmapss.json")).replaceAll("\\s", "");
    assertThat(cmapss)
        .isEqualTo(
            "{\"engines\":3,\"alerted_before_failure\":1.0,\"lead_cycles\":"
                + "{\"median\":50.0,\"p10\":33.2,\"p90\":167.6},\"early_alert_share\":0.3333}");
    // Held out: engine 1 alerted at cycle 90, failing at 120 (lead 30); engine 2 not alerted.
    assertThat(Files.readString(out.resolve("cmapss-test.json")).replaceAll("\\s", ""))
        .isEqualTo(
            "{\"engines\":2,\"alerted_before_failure\":0.5,\"lead_cycles\":"
                + "{\"median\":30.0,\"p10\":30.0,\"p90\":30.0},\"early_alert_share\":0.0}");
    assertThat(Files.readAllLines(out.resolve("cmapss-test/alerts.csv")))
        .containsExactly("unit,cycle", "1,90");
    assertThat(Files.readString(out.resolve("nab.json")))
        .contains("\"standard\" : 94.5")
        .contains("\"alerts_outside_windows\" : 1")
        .contains("\"alerts_per_week\" : 2.0")
        .doesNotContain("not_copied");
    // In sample the grid chooses level 50, the committed document; left out, the only group is
    // judged by a choice made on no data (the first candidate), which never fires: 0.
    assertThat(Files.readString(out.resolve("nab.json")).replaceAll("\\s", ""))
        .contains("\"chosen_in_sample\":\"level=50\",\"committed_is_the_choice\":true")
        .contains(
            "\"overall\":{\"in_sample\":{\"standard\":94.5,\"reward_low_FP_rate\":89.0,"
                + "\"reward_low_FN_rate\":96.3333},\"left_out\":{\"standard\":0.0,")
        .contains("\"chosen_without_it\":\"level=200\"");

    byte[] first = Files.readAllBytes(out.resolve("nab.json"));
    DetectionBench.run(config);
    assertThat(Files.readAllBytes(out.resolve("nab.json"))).isEqualTo(first);
  }

  @Test
  void refusesRemainingCyclesThatDoNotMatchTheTestEngines() throws Exception {
    write(dir.resolve("RUL_FD001.txt"), List.of("20"));

    assertThatThrownBy(() -> DetectionBench.run(config))
        .hasMessageContaining("RUL_FD001.txt: 1 remaining-cycle lines for the 2 engines");
  }

  @Test
  void refusesADataFileWithoutWindowsNamingIt() throws Exception {
    write(dir.resolve("nab/data/grp/unknown.csv"), List.of("timestamp,value", time(0) + ",1"));

    assertThatThrownBy(() -> DetectionBench.run(config))
        .hasMessageStartingWith("grp/unknown.csv: no entry in");
  }

  private static String time(int row) {
    return T0.plusMinutes(5L * row).format(NAB_TIME);
  }

  private static void write(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.getParent());
    Files.write(file, lines);
  }
}
