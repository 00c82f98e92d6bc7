package dev.forewarn.ingest.backtest;

import dev.forewarn.rules.backtest.FailureTimes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Known failures from a CSV file with the header {@code device,failure_time}. */
final class FailureCsv {

  private FailureCsv() {}

  static FailureTimes read(Path file, Duration earlyHorizon) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--failures: no such file: " + file);
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    if (lines.isEmpty() || !lines.get(0).trim().equals("device,failure_time")) {
      throw new IllegalArgumentException(file + " line 1: header must be device,failure_time");
    }
    Map<String, Instant> failures = new HashMap<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i).trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] cells = line.split(",", -1);
      if (cells.length != 2 || cells[0].isBlank()) {
        throw new IllegalArgumentException(
            file + " line " + (i + 1) + ": expected device,failure_time, got " + line);
      }
      try {
        failures.put(cells[0].trim(), Instant.parse(cells[1].trim()));
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            file
                + " line "
                + (i + 1)
                + " column failure_time: expected an instant like 2026-11-01T00:00:00Z, got "
                + cells[1].trim());
      }
    }
    return new FailureTimes(failures, earlyHorizon);
  }
}
