package dev.forewarn.ingest.runs;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run in a process of its own for {@link RunLedgerTest}: starts a ledger, lists a directory it
 * then makes, says {@code ready} and waits to be killed.
 */
public final class HoldLedger {

  private HoldLedger() {}

  public static void main(String[] args) throws Exception {
    RunLedger ledger = RunLedger.create(Path.of(args[0]), args[1], Credentials.none());
    Path made = Path.of(args[2]);
    ledger.record(new Leftover.LocalDirectory(made));
    Files.createDirectories(made);
    System.out.println("ready");
    System.out.flush();
    Thread.sleep(600_000);
  }
}
