package dev.forewarn.ingest.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunLedgerTest {

  @TempDir Path ledgers;
  @TempDir Path scratch;

  private final List<Process> started = new ArrayList<>();

  @Test
  void closingRemovesWhatWasListedNewestFirstAndTheLedgerWithIt() throws Exception {
    Path made = scratch.resolve("run-dir");
    Process server = sleeper();
    RunLedger ledger = RunLedger.create(ledgers, "demo-aa", Credentials.none());
    ledger.record(new Leftover.LocalDirectory(made));
    Files.createDirectories(made.resolve("data"));
    ledger.record(Leftover.LocalProcess.of(server.toHandle()).orElseThrow());
    assertThat(ledgers.resolve("demo-aa.ledger"))
        .content()
        .contains("directory " + made, "process " + server.pid());

    ledger.close();

    assertThat(server.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(made).doesNotExist();
    assertThat(ledgers).isEmptyDirectory();
  }

  @Test
  void sweepLeavesALiveRunAloneAndCleansUpAfterItOnceItIsKilled() throws Exception {
    Path made = scratch.resolve("made-by-the-other-run");
    Process other = holdLedger("demo-bb", made);

    assertThat(RunLedger.sweep(ledgers, Credentials.none())).isEmpty();
    assertThat(made).isDirectory();

    other.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    List<RunLedger.Cleanup> swept = RunLedger.sweep(ledgers, Credentials.none());

    assertThat(swept).hasSize(1);
    assertThat(swept.get(0).run()).isEqualTo("demo-bb");
    assertThat(swept.get(0).removed()).containsExactly(new Leftover.LocalDirectory(made));
    assertThat(swept.get(0).kept()).isEmpty();
    assertThat(swept.get(0).leftBehind())
        .hasValue("removed what run demo-bb left behind: directory " + made);
    assertThat(made).doesNotExist();
    assertThat(ledgers).isEmptyDirectory();
  }

  @Test
  void sweepNeverTouchesALedgerThisProcessHolds() throws Exception {
    Path made = scratch.resolve("ours");
    try (RunLedger ours = RunLedger.create(ledgers, "demo-cc", Credentials.none())) {
      ours.record(new Leftover.LocalDirectory(made));
      Files.createDirectories(made);

      assertThat(RunLedger.sweep(ledgers, Credentials.none())).isEmpty();

      assertThat(made).isDirectory();
      // The lock is still held: another process would see the run as alive.
      assertThat(ledgers.resolve("demo-cc.ledger")).exists();
    }
    assertThat(made).doesNotExist();
  }

  @Test
  void whatCannotBeRemovedStaysListedForTheNextSweep() throws Exception {
    Leftover.PostgresSchema schema =
        new Leftover.PostgresSchema("jdbc:postgresql://127.0.0.1:1/none", "forewarn", "demo_dd");
    Path made = scratch.resolve("removable");
    Files.createDirectories(made);
    Files.writeString(
        ledgers.resolve("demo-dd.ledger"),
        "# killed run\n" + new Leftover.LocalDirectory(made).line() + "\n" + schema.line() + "\n");

    List<RunLedger.Cleanup> swept = RunLedger.sweep(ledgers, Credentials.none());

    assertThat(swept.get(0).removed()).containsExactly(new Leftover.LocalDirectory(made));
    assertThat(swept.get(0).kept()).containsOnlyKeys(schema);
    assertThat(swept.get(0).notRemoved())
        .containsExactly(
            "could not remove PostgreSQL schema demo_dd in jdbc:postgresql://127.0.0.1:1/none of"
                + " run demo-dd (no password known for forewarn at"
                + " jdbc:postgresql://127.0.0.1:1/none); the next run tries again");
    assertThat(made).doesNotExist();
    assertThat(Files.readAllLines(ledgers.resolve("demo-dd.ledger")))
        .filteredOn(line -> !line.startsWith("#"))
        .containsExactly(schema.line());
  }

  @Test
  void aLineCutShortByAKillIsSkippedAndTheRestRemoved() throws Exception {
    Path made = scratch.resolve("before-the-cut");
    Files.createDirectories(made);
    Files.writeString(
        ledgers.resolve("demo-ee.ledger"),
        new Leftover.LocalDirectory(made).line() + "\nmqtt-sess");

    Map<Leftover, String> kept = RunLedger.sweep(ledgers, Credentials.none()).get(0).kept();

    assertThat(kept).isEmpty();
    assertThat(made).doesNotExist();
  }

  @Test
  void aProcessWithTheSamePidButAnotherStartIsNeverStopped() throws Exception {
    Process server = sleeper();
    Instant started = server.toHandle().info().startInstant().orElseThrow();

    new Leftover.LocalProcess(server.pid(), started.minusSeconds(3600)).remove(Credentials.none());

    assertThat(server.isAlive()).isTrue();
  }

  @Test
  void everyKindReadsBackFromItsLine() {
    List<Leftover> kinds =
        List.of(
            new Leftover.MqttSession("tcp://127.0.0.1:11883", "forewarn-demo-ab12cd34-0"),
            new Leftover.MqttRetained("tcp://127.0.0.1:11883", "forewarn/demo/ab12cd34/rules/+"),
            new Leftover.InfluxDatabase("http://127.0.0.1:8086", "forewarn_demo_ab12cd34"),
            new Leftover.PostgresSchema(
                "jdbc:postgresql://127.0.0.1:5432/forewarn?ssl=false", "forewarn", "demo_ab12cd34"),
            new Leftover.LocalProcess(4242, Instant.parse("2026-11-22T10:00:00.120Z")),
            new Leftover.LocalDirectory(Path.of("/tmp/forewarn demo ab12cd34")));

    for (Leftover kind : kinds) {
      assertThat(Leftover.parse(kind.line())).isEqualTo(kind);
    }
  }

  @Test
  void namesThatWouldBreakALineOrAStatementAreRefused() {
    assertThatThrownBy(() -> new Leftover.MqttSession("tcp://127.0.0.1:1883", "two words"))
        .hasMessageContaining("clientId");
    assertThatThrownBy(
            () -> new Leftover.InfluxDatabase("http://127.0.0.1:8086", "x\"; DROP DATABASE y"))
        .hasMessageContaining("database");
    assertThatThrownBy(() -> Leftover.parse("process 12"))
        .hasMessageContaining("not a ledger line");
  }

  private Process sleeper() throws Exception {
    Process process = new ProcessBuilder("sleep", "600").start();
    started.add(process);
    return process;
  }

  private Process holdLedger(String run, Path made) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HoldLedger.class.getName(),
                ledgers.toString(),
                run,
                made.toString())
            .redirectErrorStream(true)
            .start();
    started.add(process);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null && !line.equals("ready")) {
      // start-up output
    }
    assertThat(line).as("the other run started").isEqualTo("ready");
    return process;
  }

  @AfterEach
  void stopProcesses() throws Exception {
    for (Process process : started) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
