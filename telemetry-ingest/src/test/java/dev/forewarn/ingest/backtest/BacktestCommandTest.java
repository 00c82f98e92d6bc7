package dev.forewarn.ingest.backtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BacktestCommandTest {

  private static final String RULE =
      "{\"id\":\"overheat\",\"schemaVersion\":2,\"severity\":\"warning\","
          + "\"condition\":{\"type\":\"threshold\",\"metric\":\"temp\",\"direction\":\"above\","
          + "\"level\":80,\"clearLevel\":75},\"minPoints\":2}";

  @TempDir Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine line = BacktestCommand.commandLine();
    line.setOut(new PrintWriter(out, true));
    line.setErr(new PrintWriter(err, true));
    return line.execute(args);
  }

  @Test
  void replaysACsvFileAndReportsTheCasesPerWeekAndTheLeadBeforeAKnownFailure() throws Exception {
    Path rules = Files.writeString(dir.resolve("rule.json"), RULE);
    Path csv =
        Files.writeString(
            dir.resolve("history.csv"),
            String.join(
                "\n",
                "device,timestamp,temp",
                "ac-1,2026-11-02T10:00:00Z,70",
                "ac-1,2026-11-02T10:01:00Z,81",
                "ac-1,2026-11-02T10:02:00Z,82",
                "ac-1,2026-11-02T10:03:00Z,82",
                "ac-1,2026-11-02T10:02:00Z,82",
                "ac-1,2026-11-02T10:04:00Z,70",
                "ac-2,2026-11-02T10:00:00Z,60",
                ""));
    Path failures =
        Files.writeString(
            dir.resolve("failures.csv"), "device,failure_time\nac-1,2026-11-02T12:02:00Z\n");
    Path events = dir.resolve("events.csv");

    int status =
        run(
            "--rules", rules.toString(),
            "--csv", csv.toString(),
            "--failures", failures.toString(),
            "--out", events.toString());

    assertThat(status).isZero();
    String printed = out.toString();
    assertThat(printed)
        .contains("2026-11-02T10:02:00Z OPENED device=ac-1 rule=overheat v1")
        .contains("2026-11-02T10:04:00Z CLEARED device=ac-1 rule=overheat v1")
        .contains("cases opened per week, ac-1: 2026-W45=1")
        .contains("failure of ac-1 at 2026-11-02T12:02:00Z: first alert PT2H ahead, 0 early")
        .endsWith("backtest: wrote 2 case events to " + events + System.lineSeparator());
    assertThat(printed)
        .contains("backtest: readings=7 devices=2 cases_opened=1 alerts_per_device_week=0.50")
        .contains(" 1 cases, 1.00 per week");
    List<String> rows = Files.readAllLines(events);
    assertThat(rows).hasSize(3);
    assertThat(rows.get(0)).isEqualTo(BacktestOutput.CSV_HEADER);
    assertThat(rows.get(1)).startsWith("OPENED,\"ac-1\",overheat,1,WARNING,2026-11-02T10:02:00Z,");
  }

  @Test
  void anInvalidRuleIsRefusedNamingTheFieldAndNothingRuns() throws Exception {
    Path rules = Files.writeString(dir.resolve("rule.json"), RULE.replace("\"level\":80,", ""));
    Path csv =
        Files.writeString(
            dir.resolve("h.csv"), "device,timestamp,temp\nac-1,2026-11-02T10:00:00Z,1\n");

    int status = run("--rules", rules.toString(), "--csv", csv.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).startsWith("backtest: " + rules + ": condition.level");
    assertThat(out.toString()).doesNotContain("readings=");
  }

  @Test
  void aTagScopedRuleIsRefusedBecauseHistoryKeepsNoTags() throws Exception {
    Path rules =
        Files.writeString(
            dir.resolve("rule.json"),
            RULE.replace("\"severity\"", "\"scope\":{\"tags\":{\"site\":\"north\"}},\"severity\""));
    Path csv =
        Files.writeString(
            dir.resolve("h.csv"), "device,timestamp,temp\nac-1,2026-11-02T10:00:00Z,1\n");

    int status = run("--rules", rules.toString(), "--csv", csv.toString());

    assertThat(status).isEqualTo(2);
    assertThat(err.toString())
        .startsWith("backtest: rule overheat: scope.tags: history keeps no tags");
    assertThat(out.toString()).doesNotContain("readings=");
  }

  @Test
  void aSourceIsRequiredAndTheUsageSaysWhich() {
    int status = run("--rules", "rule.json");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--csv").contains("--devices");
  }

  @Test
  void anInfluxRangeMustBeginBeforeItEnds() throws Exception {
    Path rules = Files.writeString(dir.resolve("rule.json"), RULE);

    int status =
        run(
            "--rules", rules.toString(),
            "--devices", "ac-1",
            "--from", "2026-11-02T00:00:00Z",
            "--to", "2026-11-01T00:00:00Z");

    assertThat(status).isEqualTo(2);
    assertThat(err.toString()).contains("--from must be before --to");
  }
}
