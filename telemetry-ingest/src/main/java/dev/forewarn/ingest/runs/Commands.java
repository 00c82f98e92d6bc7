package dev.forewarn.ingest.runs;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the programs a run starts for itself, such as {@code influxd}, {@code mosquitto}. */
public final class Commands {

  // Debian installs servers in sbin directories, which a user's PATH often lacks.
  private static final List<String> SYSTEM_DIRECTORIES =
      List.of("/usr/sbin", "/usr/local/sbin", "/sbin", "/usr/bin", "/usr/local/bin");

  private Commands() {}

  /** The executable named {@code command} on the PATH, else in a system directory. */
  public static Optional<Path> find(String command) {
    List<String> directories = new ArrayList<>();
    String path = System.getenv("PATH");
    if (path != null) {
      directories.addAll(List.of(path.split(File.pathSeparator)));
    }
    directories.addAll(SYSTEM_DIRECTORIES);
    for (String directory : directories) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, command);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
