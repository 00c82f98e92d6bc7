package dev.forewarn.ingest.backtest;

import dev.forewarn.rules.backtest.BacktestReport;
import dev.forewarn.rules.backtest.DeviceOutcome;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.reading.Reading;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Prints a backtest for people, and writes its case events as CSV for tools. */
final class BacktestOutput {

  static final String CSV_HEADER =
      "type,device,rule,rule_version,severity,occurred_at,episode_start,evidence,summary";

  private final PrintWriter console;

  BacktestOutput(PrintWriter console) {
    this.console = console;
  }

  void print(Iterable<Rule> rules, java.util.List<Reading> readings, BacktestReport report) {
    for (Rule rule : rules) {
      console.printf("backtest: rule %s v%d (%s)%n", rule.id(), rule.version(), rule.name());
    }
    for (CaseEvent event : report.events()) {
      console.printf(
          "  %s %s device=%s rule=%s v%d %s%s%n",
          event.occurredAt(),
          event.type(),
          event.deviceId(),
          event.ruleId(),
          event.ruleVersion(),
          event.summary(),
          event.evidence().isEmpty() ? "" : " " + event.evidence());
    }
    SortedMap<String, SortedMap<String, Integer>> perWeek = new TreeMap<>(report.alertsPerWeek());
    perWeek.forEach(
        (device, weeks) ->
            console.printf(
                "  cases opened per week, %s: %s%n",
                device,
                weeks.entrySet().stream()
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining(" "))));
    new TreeMap<>(report.devices())
        .values()
        .forEach(
            d ->
                console.printf(
                    Locale.ROOT,
                    "  %s: %d readings over %.1f weeks, %d cases, %.2f per week%s%n",
                    d.deviceId(),
                    d.readings(),
                    d.weeks(),
                    d.opened(),
                    d.alertsPerWeek(),
                    d.learning() ? ", still learning" : ""));
    new TreeMap<>(report.outcomes()).values().forEach(this::printOutcome);
    long devices = readings.stream().map(Reading::deviceId).distinct().count();
    console.printf(
        Locale.ROOT,
        "backtest: readings=%d devices=%d cases_opened=%d alerts_per_device_week=%.2f%n",
        readings.size(),
        devices,
        report.opened().size(),
        report.alertsPerDeviceWeek());
  }

  private void printOutcome(DeviceOutcome outcome) {
    console.printf(
        "  failure of %s at %s: %s, %d early alert(s)%n",
        outcome.deviceId(),
        outcome.failure(),
        outcome.lead().map(lead -> "first alert " + lead + " ahead").orElse("no alert before it"),
        outcome.earlyAlerts());
  }

  void writeCsv(Path file, BacktestReport report) throws IOException {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(CSV_HEADER + "\n");
      for (CaseEvent event : report.events()) {
        out.write(
            String.join(
                    ",",
                    event.type().name(),
                    quoted(event.deviceId()),
                    event.ruleId(),
                    Integer.toString(event.ruleVersion()),
                    event.severity().name(),
                    event.occurredAt().toString(),
                    event.episodeStart().toString(),
                    quoted(evidence(event.evidence())),
                    quoted(event.summary()))
                + "\n");
      }
    }
    console.printf("backtest: wrote %d case events to %s%n", report.events().size(), file);
  }

  private static String evidence(Map<String, Double> evidence) {
    return evidence.entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(";"));
  }

  private static String quoted(String text) {
    return "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
