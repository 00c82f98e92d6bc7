package dev.forewarn.ingest.backtest;

import dev.forewarn.rules.backtest.BacktestReport;
import dev.forewarn.rules.backtest.Backtester;
import dev.forewarn.rules.backtest.FailureTimes;
import dev.forewarn.rules.backtest.ReplayOrder;
import dev.forewarn.rules.backtest.RuleFiles;
import dev.forewarn.rules.document.Rule;
import dev.forewarn.rules.reading.Reading;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./forewarn backtest}: tries rules on history before they are switched on. The readings
 * come from a CSV file or from InfluxDB (the history the job wrote) for a set of devices and a time
 * range; they go through the same evaluators as live detection, in each device's event-time order
 * with duplicate sequence numbers dropped, as the job does.
 */
@Command(
    name = "backtest",
    sortOptions = false,
    description = {
      "Replays history through rules with the evaluators of live detection and reports the cases"
          + " they would have opened: when, for which device, with what evidence; cases per device"
          + " per ISO week; and, given failure times, lead times and early alerts.",
      ""
    },
    footer = {
      "",
      "Examples:",
      "  ./forewarn backtest --rules rule.json --csv history.csv",
      "  ./forewarn backtest --rules rule.json --devices ac-0001,ac-0002 \\",
      "      --from 2026-11-01T00:00:00Z --to 2026-11-22T00:00:00Z"
    })
public final class BacktestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "show this help and exit")
  boolean help;

  @Option(
      names = "--rules",
      required = true,
      paramLabel = "FILE",
      description = "rule document: one rule, or a JSON array of rules (repeatable)")
  List<Path> ruleFiles = new ArrayList<>();

  @ArgGroup(exclusive = true, multiplicity = "1")
  HistorySource source;

  @Option(
      names = "--failures",
      paramLabel = "FILE",
      description = "CSV device,failure_time: known failures, to report lead times")
  Path failures;

  @Option(
      names = "--early-horizon",
      paramLabel = "DURATION",
      defaultValue = "P7D",
      description =
          "an alert opened earlier than this before its device's failure counts as an early"
              + " (false) alert (default: ${DEFAULT-VALUE})")
  Duration earlyHorizon;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "also write every case event as CSV to this file")
  Path out;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /**
   * The command with its error handling: a problem with the input (a missing file, an invalid rule,
   * a bad CSV row, InfluxDB refusing the query) is one line naming it and exit code 2, not a stack
   * trace.
   */
  static CommandLine commandLine() {
    CommandLine line = new CommandLine(new BacktestCommand());
    line.setExecutionExceptionHandler(
        (e, commandLine, parseResult) -> {
          if (e instanceof IllegalArgumentException
              || e instanceof IllegalStateException
              || e instanceof java.io.IOException) {
            commandLine.getErr().println("backtest: " + e.getMessage());
            return 2;
          }
          throw e;
        });
    return line;
  }

  @Override
  public Integer call() throws Exception {
    PrintWriter console = spec.commandLine().getOut();
    List<Rule> rules = new ArrayList<>();
    for (Path file : ruleFiles) {
      rules.addAll(RuleFiles.load(file));
    }
    refuseTagScopedRules(rules);
    List<Reading> readings = ReplayOrder.sorted(source.load(console));
    FailureTimes known =
        failures == null ? FailureTimes.NONE : FailureCsv.read(failures, earlyHorizon);
    BacktestReport report = new Backtester(rules).run(readings, known);
    BacktestOutput output = new BacktestOutput(console);
    output.print(rules, readings, report);
    if (out != null) {
      output.writeCsv(out, report);
    }
    console.flush();
    return 0;
  }

  /**
   * History keeps no tags (neither the job's InfluxDB measurement nor the CSV forms), so a rule
   * scoped by tags would open nothing here while it opens cases live: refused, naming the rule.
   */
  private static void refuseTagScopedRules(List<Rule> rules) {
    for (Rule rule : rules) {
      if (!rule.scope().tags().isEmpty()) {
        throw new IllegalArgumentException(
            "rule "
                + rule.id()
                + ": scope.tags: history keeps no tags, so a rule scoped by tags cannot be"
                + " backtested (it would open nothing here and open cases live)");
      }
    }
  }

  /** Where the readings come from: exactly one of a CSV file or InfluxDB. */
  static final class HistorySource {

    @ArgGroup(exclusive = false, multiplicity = "1", heading = "From a CSV file:%n")
    CsvHistory csv;

    @ArgGroup(exclusive = false, multiplicity = "1", heading = "From InfluxDB:%n")
    InfluxHistory influx;

    List<Reading> load(PrintWriter console) throws Exception {
      return csv != null ? csv.load(console) : influx.load(console);
    }
  }

  /** Reads {@code 2026-11-01T00:00:00Z}, with a message that shows the expected form. */
  static final class InstantConverter implements CommandLine.ITypeConverter<Instant> {
    @Override
    public Instant convert(String text) {
      try {
        return Instant.parse(text);
      } catch (RuntimeException e) {
        throw new CommandLine.TypeConversionException(
            "expected an instant like 2026-11-01T00:00:00Z, got '" + text + "'");
      }
    }
  }
}
