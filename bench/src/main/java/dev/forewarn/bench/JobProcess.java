package dev.forewarn.bench;

import dev.forewarn.ingest.job.IngestJob;
import dev.forewarn.ingest.runs.RunLedger;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The telemetry job as a JVM of its own ({@link IngestJob#main}, embedded Flink), on this JVM's
 * classpath, with durable checkpoints, so that a benchmark can kill it as a machine failure would
 * and start it again from its newest checkpoint.
 */
final class JobProcess extends ChildJvm {

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

  private final Path checkpoints;
  private final List<String> options;
  private final String jdbcPassword;

  /**
   * @param dir where its checkpoints ({@code checkpoints/<job id>/chk-N}) and its log go
   * @param options the job's options, without the checkpoint ones and the database password
   */
  JobProcess(RunLedger ledger, Path dir, List<String> options, String jdbcPassword)
      throws IOException {
    super(ledger, dir.resolve("job.log"));
    this.checkpoints = Files.createDirectories(dir.resolve("checkpoints"));
    this.options = List.copyOf(options);
    this.jdbcPassword = jdbcPassword;
  }

  /** Starts the job, from a checkpoint when one is given. */
  void start(Optional<Path> checkpoint) throws IOException {
    List<String> jvm =
        new ArrayList<>(List.of("-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
    jvm.addAll(OPENS);
    List<String> arguments = new ArrayList<>(options);
    arguments.addAll(List.of("--checkpoint-dir", checkpoints.toUri().toString()));
    checkpoint.ifPresent(
        dir -> arguments.addAll(List.of("--restore-from", dir.toUri().toString())));
    launch(
        jvm,
        IngestJob.class,
        arguments,
        // Not on the command line, where every process list would show it.
        Map.of("FOREWARN_JDBC_PASSWORD", jdbcPassword),
        checkpoint.map(dir -> "restored from " + dir).orElse("started"));
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

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
