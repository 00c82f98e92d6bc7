package dev.forewarn.ingest.backtest;

import dev.forewarn.ingest.influx.InfluxHistoryReader;
import dev.forewarn.ingest.influx.InfluxSettings;
import dev.forewarn.rules.reading.Reading;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** History from InfluxDB, as the job's history sink wrote it: some devices over a time range. */
final class InfluxHistory {

  @Option(
      names = "--influx-url",
      paramLabel = "URL",
      defaultValue = "${env:FOREWARN_INFLUX_URL:-http://127.0.0.1:8086}",
      description = "InfluxDB (default: $FOREWARN_INFLUX_URL or http://127.0.0.1:8086)")
  String url;

  @Option(
      names = "--influx-database",
      paramLabel = "NAME",
      defaultValue = "${env:FOREWARN_INFLUX_DATABASE:-forewarn}",
      description = "database the job writes (default: $FOREWARN_INFLUX_DATABASE or forewarn)")
  String database;

  @Option(
      names = "--influx-username",
      paramLabel = "USER",
      defaultValue = "${env:FOREWARN_INFLUX_USERNAME:-}",
      description = "InfluxDB user; empty without authentication")
  String username;

  @Option(
      names = "--influx-password",
      paramLabel = "PASSWORD",
      defaultValue = "${env:FOREWARN_INFLUX_PASSWORD:-}",
      description = "InfluxDB password")
  String password;

  @Option(
      names = "--devices",
      required = true,
      split = ",",
      paramLabel = "ID",
      description = "devices to replay, comma-separated")
  List<String> devices;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "INSTANT",
      converter = BacktestCommand.InstantConverter.class,
      description = "start of the range, inclusive, e.g. 2026-11-01T00:00:00Z")
  Instant from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "INSTANT",
      converter = BacktestCommand.InstantConverter.class,
      description = "end of the range, exclusive")
  Instant to;

  List<Reading> load(PrintWriter console) {
    if (!from.isBefore(to)) {
      throw new IllegalArgumentException("--from must be before --to, got " + from + " and " + to);
    }
    List<Reading> readings = new ArrayList<>();
    InfluxSettings settings =
        new InfluxSettings(url, username, password, database, 1, Duration.ofSeconds(1));
    try (InfluxHistoryReader reader = new InfluxHistoryReader(settings)) {
      for (String device : devices) {
        List<Reading> history = reader.read(device, from, to);
        console.printf(
            "backtest: read %d readings of %s from %s/%s%n", history.size(), device, url, database);
        console.flush();
        readings.addAll(history);
      }
    }
    return readings;
  }
}
