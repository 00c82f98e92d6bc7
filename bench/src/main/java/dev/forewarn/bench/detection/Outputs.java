package dev.forewarn.bench.detection;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes the benchmark's output files: deterministic, so a rerun reproduces them byte for byte. */
final class Outputs {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Outputs() {}

  /** Writes lines, each ended by a newline, making the directory when needed. */
  static void lines(Path file, List<String> lines) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, lines);
  }

  /** Writes a map (in its own order) as indented JSON. */
  static void json(Path file, Map<String, ?> content) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.writeString(file, JSON.writeValueAsString(content) + "\n");
  }

  /** A figure rounded to four decimals for the output files. */
  static double round(double value) {
    return Math.round(value * 1e4) / 1e4;
  }
}
