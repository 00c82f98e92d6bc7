package dev.forewarn.bench;

import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A part of the system run as a JVM of its own on this JVM's classpath, so that a benchmark can
 * kill it as a machine failure would: its output appended to one log (a line per start), its
 * process listed in the run's ledger once started.
 */
abstract class ChildJvm implements AutoCloseable {

  private final RunLedger ledger;
  private final Path log;
  private Process process;

  ChildJvm(RunLedger ledger, Path log) {
    this.ledger = ledger;
    this.log = log;
  }

  /**
   * Starts {@code mainClass}.
   *
   * @param jvmOptions heap, collector and the like
   * @param environment set for the process, for what no process list should show
   * @param heading the log's line for this start
   */
  final void launch(
      List<String> jvmOptions,
      Class<?> mainClass,
      List<String> arguments,
      Map<String, String> environment,
      String heading)
      throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(mainClass.getName());
    command.addAll(arguments);
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    builder.environment().putAll(environment);
    Files.writeString(
        log, "--- " + heading + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    process = builder.start();
    Leftover.LocalProcess.of(process.toHandle()).ifPresent(ledger::record);
  }

  final boolean alive() {
    return process != null && process.isAlive();
  }

  final long pid() {
    return process.pid();
  }

  final Path log() {
    return log;
  }

  /** SIGKILL, as {@code kill -9}: no shutdown hook runs, nothing is flushed or said goodbye to. */
  final void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  /** Stops the process as an operator would (SIGTERM), forcibly when it does not end. */
  @Override
  public final void close() throws InterruptedException {
    if (alive()) {
      process.destroy();
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }
}
