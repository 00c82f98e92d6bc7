package dev.forewarn.simulator;

/**
 * The command line: {@code ./forewarn simulate [options]}. Prints one summary line when the run
 * ends; Ctrl-C ends it early and still marks every device offline. Exit status 0 when every message
 * was published, 1 when some failed or the broker was unreachable, 2 for bad options.
 */
public final class SimulatorMain {

  private SimulatorMain() {}

  public static void main(String[] args) throws InterruptedException {
    // The log configuration has its own name, so that applications embedding the simulator as a
    // library keep theirs; only the command line uses it, and an explicit setting still wins.
    if (System.getProperty("log4j2.configurationFile") == null
        && System.getProperty("log4j.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "forewarn-simulator-log4j2.xml");
    }
    if (SimulatorOptions.wantsHelp(args)) {
      System.out.print(SimulatorOptions.usage());
      return;
    }
    SimulatorConfig config;
    try {
      config = SimulatorConfig.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("simulate: " + e.getMessage());
      System.err.println("Run with --help to see every option.");
      System.exit(2);
      return;
    }
    Simulator simulator = new Simulator(config);
    simulator.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> stopQuietly(simulator)));
    try {
      RunStats stats = simulator.awaitCompletion();
      System.out.println(stats.summary());
      System.exit(stats.failed() == 0 ? 0 : 1);
    } catch (SimulatorException e) {
      System.err.println("simulate: " + e.getMessage());
      System.exit(1);
    }
  }

  private static void stopQuietly(Simulator simulator) {
    try {
      simulator.stop();
    } catch (InterruptedException | SimulatorException e) {
      // The JVM is exiting; the run's own log already says what went wrong.
    }
  }
}
