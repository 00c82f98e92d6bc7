package dev.forewarn.rules.backtest;

import dev.forewarn.rules.reading.Reading;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads recorded series from CSV into readings, in file order. Two forms, both with a header row
 * and plain comma-separated cells (no quoting):
 *
 * <ul>
 *   <li>{@code timestamp,value}: one device's single metric, as in the Numenta Anomaly Benchmark;
 *       the caller names the device and the metric.
 *   <li>{@code device,timestamp,<metric>,...}: any number of devices and metrics; an empty cell
 *       means the metric was not measured in that row; a column named {@code model} gives the
 *       device's model.
 * </ul>
 *
 * Timestamps are ISO-8601 instants ({@code 2014-04-01T00:05:00Z}) or zone-less {@code yyyy-MM-dd
 * HH:mm:ss[.ffffff]} / {@code yyyy-MM-ddTHH:mm:ss}, taken as UTC. A reading's {@code seq} is its
 * data row's number, from 0. A bad row is refused with an {@link IllegalArgumentException} whose
 * message names the source, line and column.
 */
public final class SeriesCsv {

  private static final DateTimeFormatter LOCAL =
      new DateTimeFormatterBuilder()
          .append(DateTimeFormatter.ISO_LOCAL_DATE)
          .optionalStart()
          .appendLiteral(' ')
          .optionalEnd()
          .optionalStart()
          .appendLiteral('T')
          .optionalEnd()
          .appendValue(ChronoField.HOUR_OF_DAY, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
          .appendLiteral(':')
          .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
          .optionalStart()
          .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
          .optionalEnd()
          .toFormatter();

  private SeriesCsv() {}

  /**
   * Reads a {@code timestamp,value} series of one device.
   *
   * @param in the CSV text
   * @param source names the input in error messages, e.g. the file name
   * @param deviceId the device the series belongs to
   * @param metric the metric name the value becomes
   */
  public static List<Reading> readValues(Reader in, String source, String deviceId, String metric)
      throws IOException {
    BufferedReader lines = new BufferedReader(in);
    String[] header = header(lines, source);
    if (header.length != 2
        || !header[0].trim().equals("timestamp")
        || !header[1].trim().equals("value")) {
      throw new IllegalArgumentException(
          source + " line 1: header must be timestamp,value, got " + String.join(",", header));
    }
    List<Reading> readings = new ArrayList<>();
    String line;
    for (int number = 2; (line = lines.readLine()) != null; number++) {
      if (line.isBlank()) {
        continue;
      }
      Row row = new Row(source, number, header, line);
      readings.add(
          new Reading(
              deviceId, row.instant(0), readings.size(), "", Map.of(metric, row.number(1))));
    }
    return readings;
  }

  /** Reads a {@code device,timestamp,<metric>,...} series of any number of devices. */
  public static List<Reading> readDevices(Reader in, String source) throws IOException {
    BufferedReader lines = new BufferedReader(in);
    String[] header = header(lines, source);
    if (header.length < 3
        || !header[0].trim().equals("device")
        || !header[1].trim().equals("timestamp")) {
      throw new IllegalArgumentException(
          source
              + " line 1: header must be device,timestamp,<metric>,..., got "
              + String.join(",", header));
    }
    int modelColumn = List.of(header).indexOf("model");
    List<Reading> readings = new ArrayList<>();
    String line;
    for (int number = 2; (line = lines.readLine()) != null; number++) {
      if (line.isBlank()) {
        continue;
      }
      Row row = new Row(source, number, header, line);
      Map<String, Double> metrics = new LinkedHashMap<>();
      for (int column = 2; column < header.length; column++) {
        if (column != modelColumn && !row.cell(column).isEmpty()) {
          metrics.put(header[column].trim(), row.number(column));
        }
      }
      if (metrics.isEmpty()) {
        throw row.error(1, "no metric has a value in this row");
      }
      String device = row.cell(0);
      if (device.isEmpty()) {
        throw row.error(0, "device is empty");
      }
      String model = modelColumn < 0 ? "" : row.cell(modelColumn);
      readings.add(new Reading(device, row.instant(1), readings.size(), model, metrics));
    }
    return readings;
  }

  private static String[] header(BufferedReader lines, String source) throws IOException {
    String first = lines.readLine();
    if (first == null) {
      throw new IllegalArgumentException(source + ": empty, a header row is required");
    }
    if (first.startsWith("\uFEFF")) {
      first = first.substring(1);
    }
    String[] header = first.split(",", -1);
    Map<String, Integer> seen = new HashMap<>();
    for (int i = 0; i < header.length; i++) {
      header[i] = header[i].trim();
      if (header[i].isEmpty() || seen.put(header[i], i) != null) {
        throw new IllegalArgumentException(
            source + " line 1: column " + (i + 1) + " is empty or repeated: \"" + header[i] + "\"");
      }
    }
    return header;
  }

  /** One data row, split, with errors that say where. */
  private static final class Row {
    private final String source;
    private final int number;
    private final String[] header;
    private final String[] cells;

    Row(String source, int number, String[] header, String line) {
      this.source = source;
      this.number = number;
      this.header = header;
      this.cells = line.split(",", -1);
      if (cells.length != header.length) {
        throw new IllegalArgumentException(
            source
                + " line "
                + number
                + ": "
                + cells.length
                + " cells, the header has "
                + header.length);
      }
    }

    String cell(int column) {
      return cells[column].trim();
    }

    Instant instant(int column) {
      String text = cell(column);
      try {
        if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
          return DateTimeFormatter.ISO_OFFSET_DATE_TIME.parse(text, Instant::from);
        }
        return LocalDateTime.parse(text, LOCAL).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e) {
        throw error(column, "not a timestamp (\"" + text + "\")");
      }
    }

    double number(int column) {
      String text = cell(column);
      double value;
      try {
        value = Double.parseDouble(text);
      } catch (NumberFormatException e) {
        throw error(column, "not a number (\"" + text + "\")");
      }
      if (!Double.isFinite(value)) {
        throw error(column, "not a finite number (\"" + text + "\")");
      }
      return value;
    }

    IllegalArgumentException error(int column, String problem) {
      return new IllegalArgumentException(
          source + " line " + number + ", column " + header[column] + ": " + problem);
    }
  }
}
