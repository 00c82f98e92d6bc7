package dev.forewarn.simulator.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * When each device of a run really fails, so that detection can be scored against it. Written as
 * CSV with the header {@code device_id,model,scenario,failure_at}; failure_at is an ISO-8601
 * instant, empty for a healthy device.
 */
public record GroundTruth(List<GroundTruth.Row> rows) {

  /** The CSV header. */
  public static final String HEADER = "device_id,model,scenario,failure_at";

  /** One device's truth. */
  public record Row(String deviceId, String model, Scenario scenario, Optional<Instant> failureAt) {
    public Row {
      Objects.requireNonNull(deviceId, "deviceId");
      Objects.requireNonNull(model, "model");
      Objects.requireNonNull(scenario, "scenario");
      Objects.requireNonNull(failureAt, "failureAt");
    }

    String toCsv() {
      return String.join(
          ",", deviceId, model, scenario.csvName(), failureAt.map(Instant::toString).orElse(""));
    }
  }

  public GroundTruth {
    rows = List.copyOf(rows);
  }

  /** The truth of a planned fleet. */
  public static GroundTruth of(List<DeviceProfile> fleet) {
    return new GroundTruth(
        fleet.stream()
            .map(p -> new Row(p.deviceId(), p.model(), p.scenario(), p.failureAt()))
            .toList());
  }

  /** The devices that fail during the run, degrading or suddenly. */
  public List<Row> failing() {
    return rows.stream().filter(row -> row.failureAt().isPresent()).toList();
  }

  /**
   * A short description of the failing devices for a log line, e.g. {@code 2: sim-0003 degrading at
   * 2026-11-22T11:12:00Z, ...}, naming at most {@code limit} of them.
   */
  public String describeFailing(int limit) {
    List<Row> failing = failing();
    StringBuilder text = new StringBuilder().append(failing.size()).append(':');
    failing.stream()
        .limit(limit)
        .forEach(
            row ->
                text.append(' ')
                    .append(row.deviceId())
                    .append(' ')
                    .append(row.scenario().csvName())
                    .append(" at ")
                    .append(row.failureAt().orElseThrow())
                    .append(','));
    text.setLength(text.length() - 1);
    return failing.size() > limit ? text.append(", ...").toString() : text.toString();
  }

  /** The whole file, header first, one line per device. */
  public String toCsv() {
    StringBuilder csv = new StringBuilder(HEADER).append('\n');
    rows.forEach(row -> csv.append(row.toCsv()).append('\n'));
    return csv.toString();
  }

  /** Writes the file, creating its directory when missing. */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toCsv(), StandardCharsets.UTF_8);
  }
}
