package dev.forewarn.ingest.backtest;

import dev.forewarn.rules.backtest.SeriesCsv;
import dev.forewarn.rules.reading.Reading;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * History from a CSV file: {@code device,timestamp,<metric>,...} for any number of devices, or a
 * {@code timestamp,value} series of one device.
 */
final class CsvHistory {

  @Option(
      names = "--csv",
      required = true,
      paramLabel = "FILE",
      description = "device,timestamp,<metric>,... rows, or timestamp,value rows of one device")
  Path file;

  @Option(
      names = "--device",
      paramLabel = "ID",
      description = "device id of a timestamp,value file (default: the file name without .csv)")
  String device;

  @Option(
      names = "--metric",
      paramLabel = "NAME",
      defaultValue = "value",
      description = "metric name of a timestamp,value file (default: ${DEFAULT-VALUE})")
  String metric;

  List<Reading> load(PrintWriter console) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--csv: no such file: " + file);
    }
    List<Reading> readings;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      in.mark(4096);
      String header = in.readLine();
      in.reset();
      readings =
          header != null && header.trim().startsWith("device,")
              ? SeriesCsv.readDevices(in, file.toString())
              : SeriesCsv.readValues(in, file.toString(), deviceId(), metric);
    }
    console.printf("backtest: read %d readings from %s%n", readings.size(), file);
    return readings;
  }

  private String deviceId() {
    if (device != null) {
      return device;
    }
    String name = file.getFileName().toString();
    return name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
  }
}
