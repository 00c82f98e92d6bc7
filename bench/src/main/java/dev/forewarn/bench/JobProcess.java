package dev.forewarn.bench;

import dev.forewarn.ingest.job.IngestJob;
import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The telemetry job as a JVM of its own ({@link IngestJob#main}, embedded Flink), on this JVM's
 * classpath, with durable checkpoints, so that a benchmark can kill it as a machine failure would
 * and start it again from its newest checkpoint. Each process is listed in the run's ledger.
 */
final class JobProcess implements AutoCloseable {

  /**
   * What Flink's embedded cluster needs opened on Java 17: the {@code --add-opens} this JVM was
   * started with (by ./forewarn, or by the build's test runner), which runs Flink too.
   */
  private static final List<String> OPENS =
      ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
          .filter(
              argument ->
                  argument.startsWith("--add-opens=") || argument.startsWith("--add-exports="))
          .toList();

  private final RunLedger ledger;
  private final Path checkpoints;
  private final Path log;
  private final List<String> options;
  private final String jdbcPassword;
  private Process process;

  /**
   * @param dir where its checkpoints ({@code checkpoints/<job id>/chk-N}) and its log go
   * @param options the job's options, without the checkpoint ones and the database password
   */
  JobProcess(RunLedger ledger, Path dir, List<String> options, String jdbcPassword)
      throws IOException {
    this.ledger = ledger;
    this.checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
    this.log = dir.resolve("job.log");
    this.options = List.copyOf(options);
    this.jdbcPassword = jdbcPassword;
  }

  /** Starts the job, from a checkpoint when one is given. */
  void start(Optional<Path> checkpoint) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    command.addAll(OPENS);
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(IngestJob.class.getName());
    command.addAll(options);
    command.addAll(List.of("--checkpoint-dir", checkpoints.toUri().toString()));
    checkpoint.ifPresent(dir -> command.addAll(List.of("--restore-from", dir.toUri().toString())));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    // Not on the command line, where every process list would show it.
    builder.environment().put("FOREWARN_JDBC_PASSWORD", jdbcPassword);
    Files.writeString(
        log,
        "--- " + (checkpoint.isPresent() ? "restored from " + checkpoint.get() : "started") + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    process = builder.start();
    Leftover.LocalProcess.of(process.toHandle()).ifPresent(ledger::record);
  }

  boolean alive() {
    return process != null && process.isAlive();
  }

  long pid() {
    return process.pid();
  }

  Path log() {
    return log;
  }

  /**
   * SIGKILL, as {@code kill -9}: no shutdown hook, no last checkpoint, no goodbye to the broker.
   */
  void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /**
   * The newest completed checkpoint of any of this job's runs: a {@code chk-N} directory with its
   * {@code _metadata}, the newest by that file's time.
   */
  Optional<Path> newestCheckpoint() throws IOException {
    try (Stream<Path> files = Files.walk(checkpoints, 3)) {
      return files
          .filter(file -> file.getFileName().toString().equals("_metadata"))
          .filter(file -> file.getParent().getFileName().toString().startsWith("chk-"))
          .max(Comparator.comparing(JobProcess::modified))
          .map(Path::getParent);
    }
  }

  @Override
  public void close() throws InterruptedException {
    if (alive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
