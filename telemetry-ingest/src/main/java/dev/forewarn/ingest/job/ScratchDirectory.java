package dev.forewarn.ingest.job;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A temporary directory for checkpoints that nobody asked to keep, removed when the JVM exits. */
final class ScratchDirectory {

  private ScratchDirectory() {}

  static Path create() {
    try {
      Path dir = Files.createTempDirectory("forewarn-checkpoints-");
      Runtime.getRuntime()
          .addShutdownHook(new Thread(() -> delete(dir), "forewarn-scratch-cleanup"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a checkpoint directory: " + e.getMessage(), e);
    }
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Best effort at exit: the directory sits in the temporary directory anyway.
    }
  }
}
