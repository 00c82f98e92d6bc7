package dev.forewarn.bench;

import dev.forewarn.bench.FaultScenario.Fault;
import dev.forewarn.bench.FaultScenario.Result;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code ./forewarn bench faults}: real faults on 127.0.0.1 while a fleet publishes at a steady
 * rate. Each scenario runs the telemetry job as a JVM of its own against a Mosquitto of the run's
 * own, injects one fault, and counts from the fleet's ground truth and the real stores: readings
 * sent and stored in InfluxDB, cases the rule had to open and the OPENED events in PostgreSQL, and
 * the time from the end of the fault to the first reading stored after it. Scenarios 5 and 6 fault
 * the outreach service instead ({@link OutreachFaults}) and count SMS per outbox row at a Twilio
 * stand-in, and the time to the first SMS accepted after the fault. Prints a row per scenario and
 * last {@code faults: scenarios=N readings_lost=N cases_lost=N cases_duplicated=N
 * sends_duplicated=N max_recovery_s=N}.
 */
public final class FaultsBench {

  private static final Options OPTIONS =
      new Options(
              "Usage: ./forewarn bench faults [options]\n"
                  + "Injects faults while a fleet publishes and counts readings, cases and SMS"
                  + " lost or duplicated.\nScenarios: 1 the telemetry job killed (kill -9) and restarted"
                  + " from its newest checkpoint;\n2 the MQTT broker stopped and started again;\n3"
                  + " InfluxDB stopped and started again (one of the run's own);\n4 PostgreSQL"
                  + " restarted while cases open (one of the run's own);\n5"
                  + " the Twilio stand-in answers 500, then 429, then hangs past the service's"
                  + " read timeout,\n  each for --down-seconds, then accepts again;\n6 the"
                  + " outreach service killed (kill -9) mid-dispatch and started again, then a"
                  + " second\n  instance beside it on the same database;\n7 the outreach service,"
                  + " the job and the broker killed together (kill -9), then started\n  again"
                  + " in the reverse of their dependencies: the service, the job, the broker"
                  + " (not run by default).\n\n")
          .add("--scenarios", "", "1,2,3,4,5,6", "scenarios to run, comma-separated")
          .add("--devices", "", "20", "devices in each scenario's fleet (a quarter degrade)")
          .add("--rate", "", "40", "readings per second, whole fleet")
          .add("--seconds", "", "60", "how long each scenario's fleet publishes")
          .add(
              "--down-seconds",
              "",
              "5",
              "how long the job, the broker, PostgreSQL or the outreach service stays down"
                  + " (scenarios 1, 2, 4, 6, 7); in 5 how long each of 500, 429 and the hang lasts")
          .add("--influx-down-seconds", "", "60", "how long InfluxDB stays down (scenario 3)")
          .add(
              "--shared-subscription",
              "",
              "off",
              "off: the job reads through one plain subscription (its default); on: through"
                  + " $share/..., which the broker forgets over a restart")
          .add(
              "--settle-seconds",
              "",
              "180",
              "longest wait, after the fleet ends, for the stores to hold what they should")
          .add(
              "--outreach-load",
              "",
              "200",
              "extra cases written at the fault in scenarios 5 and 6, so that many SMS are in"
                  + " flight (6 adds half as many again for the two instances)")
          .add("--influx-url", "FOREWARN_TEST_INFLUX_URL", "http://127.0.0.1:8086", "InfluxDB")
          .postgres();

  /**
   * A run's settings.
   *
   * @param scenarios the faults to inject, in order
   */
  record Config(
      List<Fault> scenarios,
      int devices,
      int rate,
      int seconds,
      int downSeconds,
      int influxDownSeconds,
      boolean sharedSubscription,
      int settleSeconds,
      String influxUrl,
      String jdbcUrl,
      String jdbcUser,
      String jdbcPassword,
      int outreachLoad) {

    static Config parse(String[] args, Map<String, String> env) {
      Map<String, String> values = OPTIONS.parse(args, env);
      Set<Fault> faults = new LinkedHashSet<>();
      for (String number : values.get("--scenarios").split(",")) {
        try {
          faults.add(Fault.of(Integer.parseInt(number.trim())));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "--scenarios: not a scenario number: \"" + number.trim() + "\"");
        }
      }
      Config config =
          new Config(
              List.copyOf(faults),
              Options.number(values, "--devices"),
              Options.number(values, "--rate"),
              Options.number(values, "--seconds"),
              Options.number(values, "--down-seconds"),
              Options.number(values, "--influx-down-seconds"),
              Options.onOff(values, "--shared-subscription"),
              Options.number(values, "--settle-seconds"),
              values.get("--influx-url"),
              values.get("--jdbc-url"),
              values.get("--jdbc-user"),
              values.get("--jdbc-password"),
              Options.number(values, "--outreach-load"));
      Options.positive("--devices", config.devices());
      Options.positive("--rate", config.rate());
      Options.positive("--down-seconds", config.downSeconds());
      Options.positive("--influx-down-seconds", config.influxDownSeconds());
      Options.positive("--settle-seconds", config.settleSeconds());
      Options.positive("--outreach-load", config.outreachLoad());
      if (config.seconds() < 10) {
        throw new IllegalArgumentException("--seconds: at least 10, was " + config.seconds());
      }
      return config;
    }
  }

  /** The scenarios' results, and the report. */
  record Report(List<Result> results) {

    long readingsLost() {
      return results.stream().mapToLong(Result::readingsLost).sum();
    }

    long casesLost() {
      return results.stream().mapToLong(Result::casesLost).sum();
    }

    long casesDuplicated() {
      return results.stream().mapToLong(Result::casesDuplicated).sum();
    }

    /** Messages accepted twice for one outbox row, in the scenarios that send. */
    long sendsDuplicated() {
      return results.stream().mapToLong(r -> Math.max(0, r.sendsDuplicated())).sum();
    }

    /** Cases whose SMS never reached the provider, in the scenarios that send. */
    long sendsLost() {
      return results.stream().mapToLong(r -> Math.max(0, r.sendsLost())).sum();
    }

    /** The longest recovery; a scenario that did not recover counts as -1 and fails the run. */
    boolean recovered() {
      return results.stream().allMatch(r -> r.recoverySeconds() >= 0);
    }

    boolean clean() {
      return readingsLost() == 0
          && casesLost() == 0
          && casesDuplicated() == 0
          && sendsDuplicated() == 0
          && sendsLost() == 0
          && recovered();
    }

    String text() {
      StringBuilder text = new StringBuilder();
      text.append(
          String.format(
              Locale.ROOT,
              "%-16s %7s %7s %5s %9s %6s %5s %5s %10s %9s %7s  %s%n",
              "scenario",
              "sent",
              "stored",
              "lost",
              "cases_exp",
              "opened",
              "c_lost",
              "c_dup",
              "recovery_s",
              "sends_dup",
              "retries",
              "note"));
      for (Result r : results) {
        text.append(
            String.format(
                Locale.ROOT,
                "%-16s %7d %7d %5d %9d %6d %5d %5d %10s %9s %7d  %s%n",
                r.fault().number + " " + r.fault().label,
                r.sent(),
                r.stored(),
                r.readingsLost(),
                r.casesExpected(),
                r.casesOpened(),
                r.casesLost(),
                r.casesDuplicated(),
                r.recoverySeconds() < 0
                    ? "none"
                    : String.format(Locale.ROOT, "%.1f", r.recoverySeconds()),
                r.sendsDuplicated() < 0 ? "n/a" : String.valueOf(r.sendsDuplicated()),
                r.retries(),
                r.note()));
      }
      double maxRecovery = results.stream().mapToDouble(Result::recoverySeconds).max().orElse(0);
      text.append(
          String.format(
              Locale.ROOT,
              "faults: scenarios=%d readings_lost=%d cases_lost=%d cases_duplicated=%d"
                  + " sends_duplicated=%d max_recovery_s=%d",
              results.size(),
              readingsLost(),
              casesLost(),
              casesDuplicated(),
              sendsDuplicated(),
              recovered() ? Math.round(maxRecovery) : -1));
      return text.toString();
    }
  }

  private FaultsBench() {}

  public static void main(String[] args) throws Exception {
    if (Options.wantsHelp(args)) {
      System.out.print(OPTIONS.help());
      System.out.println(
          "\nsends_dup counts, in scenarios 5, 6 and 7, the messages the Twilio stand-in accepted"
              + " beyond the first\nfor one outbox row (the status callback's ref= names the row);"
              + " their notes say how many cases'\nSMS it never accepted (lost). It is n/a in"
              + " scenarios 1 to 4, which send no messages.\nNo duplicate rests on the"
              + " service looking up a message it is in doubt about in the provider's list"
              + " before\nsending it again: the stand-in lists a message the moment it takes"
              + " it; a provider whose list lags\nbehind by more than a lease would get it"
              + " twice (bench/README.md).");
      return;
    }
    Config config;
    try {
      config = Config.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("bench faults: " + e.getMessage());
      System.exit(2);
      return;
    }
    Report report = run(config);
    System.out.println(report.text());
    System.exit(report.clean() ? 0 : 1);
  }

  static Report run(Config config) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
    List<Result> results = new ArrayList<>();
    try (FaultRun faults =
        new FaultRun(
            run, config.influxUrl(), config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword())) {
      System.out.println(
          "bench: run "
              + run
              + ": own broker "
              + faults.broker().url()
              + ", files in "
              + faults.dir()
              + ", the job reads telemetry through a "
              + (config.sharedSubscription() ? "shared" : "plain")
              + " subscription");
      for (Fault fault : config.scenarios()) {
        results.add(new FaultScenario(faults, fault, config).play());
      }
    }
    return new Report(results);
  }
}
