package dev.forewarn.bench;

import java.util.Map;

/**
 * Options of the outreach benchmark, parsed once from {@code --name value} arguments and the same
 * {@code FOREWARN_TEST_*} variables the integration tests use.
 *
 * @param jdbcUrl PostgreSQL (a fresh schema is made and dropped)
 * @param jdbcUser its user
 * @param jdbcPassword its password
 * @param cases cases opened, one per customer, each customer with one device
 * @param rate case events written per second
 * @param warmUpCases cases at the start that run through the flow but are left out of the figures
 * @param outboxWorkers the service's {@code forewarn.outbox.workers}
 */
record OutreachBenchConfig(
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    int cases,
    int rate,
    int warmUpCases,
    int outboxWorkers) {

  private static final Options OPTIONS =
      new Options(
              "Usage: ./forewarn bench outreach [options]\n\n"
                  + "Runs the outreach service in-process on a fresh PostgreSQL schema, registers a\n"
                  + "customer with a device per case, writes OPENED case events at --rate the way\n"
                  + "the telemetry job does, and measures from each case's opening to its SMS\n"
                  + "request at a local Twilio stand-in, which also counts duplicate sends.\n\n")
          .postgres()
          .add("--cases", "", "6000", "cases, one per customer and device")
          .add("--rate", "", "200", "case events written per second")
          .add("--warm-up-cases", "", "1000", "first cases sent but left out of the figures")
          .add("--outbox-workers", "", "4", "the service's forewarn.outbox.workers");

  OutreachBenchConfig {
    Options.positive("--cases", cases);
    Options.positive("--rate", rate);
    Options.positive("--outbox-workers", outboxWorkers);
    if (warmUpCases < 0 || warmUpCases >= cases) {
      throw new IllegalArgumentException(
          "--warm-up-cases: must be 0 or more and below --cases ("
              + cases
              + "), was "
              + warmUpCases);
    }
  }

  static String help() {
    return OPTIONS.help();
  }

  static OutreachBenchConfig parse(String[] args, Map<String, String> env) {
    Map<String, String> values = OPTIONS.parse(args, env);
    return new OutreachBenchConfig(
        values.get("--jdbc-url"),
        values.get("--jdbc-user"),
        values.get("--jdbc-password"),
        Options.number(values, "--cases"),
        Options.number(values, "--rate"),
        Options.number(values, "--warm-up-cases"),
        Options.number(values, "--outbox-workers"));
  }
}
