package dev.forewarn.ingest.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What one run made outside its process, in a file of its own under a directory that every run on
 * the machine shares. A leftover is recorded before it is made, so that whatever the run manages to
 * make is listed even when it is killed the next moment. The run holds an exclusive lock on its
 * file while it lives; the operating system releases the lock when the process ends, however it
 * ends. {@link #close} removes everything listed; {@link #sweep} removes what runs whose lock is
 * free left behind.
 */
public final class RunLedger implements AutoCloseable {

  private static final String SUFFIX = ".ledger";
  // Locks are held per process: closing any channel of this JVM on a file would release the lock,
  // so a sweep never opens a ledger this JVM holds.
  private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

  private final String run;
  private final Path file;
  private final FileChannel channel;
  private final Credentials credentials;
  private final List<Leftover> leftovers = new ArrayList<>();

  private RunLedger(String run, Path file, FileChannel channel, Credentials credentials) {
    this.run = run;
    this.file = file;
    this.channel = channel;
    this.credentials = credentials;
  }

  /**
   * What removing a run's leftovers did.
   *
   * @param run the run
   * @param removed what is gone now
   * @param kept what could not be removed, with the reason; it stays in the ledger
   */
  public record Cleanup(String run, List<Leftover> removed, Map<Leftover, String> kept) {

    /** One line on what was removed of a run that ended without cleaning up, if anything. */
    public Optional<String> leftBehind() {
      return removed.isEmpty()
          ? Optional.empty()
          : Optional.of(
              "removed what run "
                  + run
                  + " left behind: "
                  + String.join(", ", removed.stream().map(Leftover::describe).toList()));
    }

    /** One line per leftover that could not be removed. */
    public List<String> notRemoved() {
      return kept.entrySet().stream()
          .map(
              e ->
                  "could not remove "
                      + e.getKey().describe()
                      + " of run "
                      + run
                      + " ("
                      + e.getValue()
                      + "); the next run tries again")
          .toList();
    }
  }

  /**
   * The directory of ledgers: {@code runs} under {@code $FOREWARN_STATE_DIR}, else under the state
   * directory that scripts/services.sh uses ({@code /var/lib/forewarn} for root, else {@code
   * $XDG_STATE_HOME/forewarn} or {@code ~/.local/state/forewarn}).
   */
  public static Path directory(Map<String, String> env) {
    String configured = env.get("FOREWARN_STATE_DIR");
    Path state;
    if (configured != null && !configured.isBlank()) {
      state = Path.of(configured);
    } else if ("root".equals(System.getProperty("user.name"))) {
      state = Path.of("/var/lib/forewarn");
    } else {
      String xdg = env.get("XDG_STATE_HOME");
      Path base =
          xdg != null && !xdg.isBlank()
              ? Path.of(xdg)
              : Path.of(System.getProperty("user.home"), ".local", "state");
      state = base.resolve("forewarn");
    }
    return state.resolve("runs");
  }

  /**
   * Starts the ledger of a run: {@code <directory>/<run>.ledger}, locked for as long as this
   * process lives or until {@link #close}.
   *
   * @param run a name unique on the machine, such as {@code demo-3fa2c1d0}
   * @param credentials what {@link #close} needs to remove the leftovers it will record
   */
  public static RunLedger create(Path directory, String run, Credentials credentials)
      throws IOException {
    LedgerFields.require(run, "run");
    Files.createDirectories(directory);
    // Written and locked under a name a sweep does not look at, then renamed: a sweep never
    // meets a ledger that is not yet locked.
    Path draft = directory.resolve("." + run + SUFFIX + ".new");
    Path file = directory.resolve(run + SUFFIX);
    FileChannel channel =
        FileChannel.open(
            draft,
            StandardOpenOption.CREATE_NEW,
            StandardOpenOption.READ,
            StandardOpenOption.WRITE);
    try {
      if (channel.tryLock() == null) {
        throw new IOException("cannot lock " + draft);
      }
      HELD.add(file);
      RunLedger ledger = new RunLedger(run, file, channel, credentials);
      ledger.write(header(run));
      Files.move(draft, file, StandardCopyOption.ATOMIC_MOVE);
      return ledger;
    } catch (IOException | RuntimeException e) {
      HELD.remove(file);
      channel.close();
      Files.deleteIfExists(draft);
      throw e;
    }
  }

  /**
   * Removes, newest first, what the runs whose ledgers are no longer locked left behind. A leftover
   * that cannot be removed now (its service does not answer, its password is unknown) stays in its
   * ledger for the next sweep.
   */
  public static List<Cleanup> sweep(Path directory, Credentials credentials) throws IOException {
    List<Cleanup> swept = new ArrayList<>();
    if (!Files.isDirectory(directory)) {
      return swept;
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, "*" + SUFFIX)) {
      for (Path file : files) {
        if (!HELD.contains(file)) {
          sweepOne(file, credentials).ifPresent(swept::add);
        }
      }
    }
    return swept;
  }

  private static Optional<Cleanup> sweepOne(Path file, Credentials credentials) throws IOException {
    String name = file.getFileName().toString();
    String run = name.substring(0, name.length() - SUFFIX.length());
    FileChannel channel;
    try {
      channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    } catch (NoSuchFileException e) {
      return Optional.empty(); // another sweep took it
    }
    try (channel) {
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        return Optional.empty();
      }
      if (lock == null || !Files.exists(file)) {
        return Optional.empty(); // its run is still going, or another sweep took it
      }
      RunLedger ledger = new RunLedger(run, file, channel, credentials);
      ledger.leftovers.addAll(read(channel));
      return Optional.of(ledger.removeAll());
    }
  }

  /** The run's name. */
  public String run() {
    return run;
  }

  /**
   * Lists a leftover before the run makes it.
   *
   * @return the leftover
   */
  public synchronized <T extends Leftover> T record(T leftover) {
    try {
      write(leftover.line() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run ledger " + file, e);
    }
    leftovers.add(leftover);
    return leftover;
  }

  /** What is listed now, oldest first. */
  public synchronized List<Leftover> listed() {
    return List.copyOf(leftovers);
  }

  /**
   * Removes everything listed, newest first, and the ledger with it; what cannot be removed stays
   * listed for the next sweep.
   */
  public synchronized Cleanup removeAll() {
    List<Leftover> removed = new ArrayList<>();
    Map<Leftover, String> kept = new LinkedHashMap<>();
    for (int i = leftovers.size() - 1; i >= 0; i--) {
      Leftover leftover = leftovers.get(i);
      try {
        leftover.remove(credentials);
        removed.add(leftover);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kept.put(leftover, "interrupted");
      } catch (Exception e) {
        kept.put(leftover, e.getMessage() == null ? e.toString() : e.getMessage());
      }
    }
    leftovers.retainAll(kept.keySet());
    try {
      if (kept.isEmpty()) {
        Files.deleteIfExists(file);
      } else {
        channel.truncate(0);
        channel.position(0);
        write(header(run));
        for (Leftover leftover : leftovers) {
          write(leftover.line() + "\n");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update the run ledger " + file, e);
    }
    return new Cleanup(run, List.copyOf(removed), kept);
  }

  /** Removes what is listed (see {@link #removeAll}) and releases the ledger. */
  @Override
  public synchronized void close() throws IOException {
    try {
      if (channel.isOpen()) {
        removeAll();
      }
    } finally {
      HELD.remove(file);
      channel.close();
    }
  }

  private static String header(String run) {
    return "# What Forewarn run "
        + run
        + " (pid "
        + ProcessHandle.current().pid()
        + ") made outside its process; removed when it ends, or by the next run when it cannot.\n";
  }

  private void write(String text) throws IOException {
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    while (bytes.hasRemaining()) {
      channel.write(bytes);
    }
  }

  private static List<Leftover> read(FileChannel channel) throws IOException {
    ByteBuffer bytes = ByteBuffer.allocate((int) channel.size());
    channel.position(0);
    while (bytes.hasRemaining() && channel.read(bytes) >= 0) {
      // read it all
    }
    List<Leftover> listed = new ArrayList<>();
    for (String line : new String(bytes.array(), StandardCharsets.UTF_8).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        try {
          listed.add(Leftover.parse(line));
        } catch (IllegalArgumentException e) {
          // A line cut short by a kill while it was written: nothing was made after it.
        }
      }
    }
    return listed;
  }
}
