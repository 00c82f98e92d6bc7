package dev.forewarn.bench;

import dev.forewarn.ingest.job.JobReadiness;
import dev.forewarn.rules.reading.Reading;
import dev.forewarn.rules.reading.ReadingJson;
import dev.forewarn.simulator.fleet.Outgoing;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

/**
 * One fault while a fleet publishes: the telemetry job in its own JVM and a fleet retrying each
 * reading until acknowledged, the fault injected at a known time, then what the stores hold counted
 * against what the fleet sent and the rule had to open.
 */
final class FaultScenario {

  /** The faults, by the number {@code --scenarios} names them with. */
  enum Fault {
    JOB_KILLED(1, "job kill -9"),
    BROKER_RESTARTED(2, "broker restart"),
    INFLUX_STOPPED(3, "influx down"),
    POSTGRES_RESTARTED(4, "pg restart"),
    PROVIDER_FAULTS(5, "twilio faults"),
    OUTREACH_KILLED(6, "outreach kill -9"),
    ALL_KILLED(7, "all kill -9");

    final int number;
    final String label;

    Fault(int number, String label) {
      this.number = number;
      this.label = label;
    }

    /** Whether the scenario runs the outreach service and counts SMS. */
    boolean outreach() {
      return this == PROVIDER_FAULTS || this == OUTREACH_KILLED || this == ALL_KILLED;
    }

    static Fault of(int number) {
      for (Fault fault : values()) {
        if (fault.number == number) {
          return fault;
        }
      }
      throw new IllegalArgumentException(
          "--scenarios: "
              + number
              + " is not a scenario; known: 1 (job kill -9), 2 (broker restart), 3 (InfluxDB"
              + " stopped), 4 (PostgreSQL restarted), 5 (Twilio 500/429/hang), 6 (outreach kill"
              + " -9, two instances), 7 (job, broker and outreach kill -9)");
    }
  }

  /**
   * What one scenario found.
   *
   * @param recoverySeconds from the end of the fault to the first reading stored after it (for a
   *     restarted PostgreSQL, the first case; for a fault of the outreach service or the provider,
   *     the first SMS accepted; in scenario 7 a probe published after it, or the first SMS,
   *     whichever is later); -1 when none was within the patience
   * @param sendsDuplicated messages the provider accepted beyond the first for one outbox row; -1
   *     when the scenario sends none
   * @param sendsLost cases whose SMS the provider never accepted; -1 when the scenario sends none
   */
  record Result(
      Fault fault,
      long sent,
      long stored,
      long readingsLost,
      long casesExpected,
      long casesOpened,
      long casesLost,
      long casesDuplicated,
      double recoverySeconds,
      long retries,
      String note,
      long sendsDuplicated,
      long sendsLost) {}

  private static final Duration READY = Duration.ofSeconds(180);
  private static final Duration RECOVERY = Duration.ofSeconds(180);

  private final FaultRun run;
  private final Fault fault;
  private final FaultsBench.Config config;
  private FaultStores stores;

  FaultScenario(FaultRun run, Fault fault, FaultsBench.Config config) {
    this.run = run;
    this.fault = fault;
    this.config = config;
  }

  Result play() throws Exception {
    String name = "f" + fault.number + "-" + run.run();
    String prefix = name + "-";
    String ruleId = "hot-" + name;
    FaultFleet fleet =
        FaultFleet.plan(prefix, ruleId, config.devices(), config.rate(), config.seconds());
    String rulesTopic = run.rulesTopic(name);
    run.publishRule(rulesTopic, ruleId, fleet.rule());
    Path dir = run.dir().resolve("scenario-" + fault.number);
    try (FaultStores stores = FaultStores.of(run, fault, dir);
        OutreachFaults outreach =
            fault.outreach()
                ? new OutreachFaults(run, dir, prefix, "l" + name + "-", line -> say("%s", line))
                : null;
        JobProcess job =
            new JobProcess(
                run.ledger(),
                dir,
                stores.jobOptions(
                    run.jobOptions(
                        "faults-" + name + "-job", rulesTopic, config.sharedSubscription())),
                stores.jdbcPassword());
        RetryingFleet publisher =
            new RetryingFleet(run.broker().url(), "faults-" + name + "-fleet", fleet.readings())) {
      job.start(Optional.empty());
      say("job started as process %d (log %s)", job.pid(), job.log());
      this.stores = stores;
      awaitConsuming(job, name);
      if (outreach != null) {
        outreach.start(
            fleet.readings().stream().map(Outgoing.Telemetry::deviceId).distinct().toList(),
            config.outreachLoad() * 3 / 2,
            fault.number);
      }
      // A restarted PostgreSQL matters while case events are written: then, amid the openings.
      Duration faultAt =
          fault == Fault.POSTGRES_RESTARTED
              ? fleet.faultAmidOpenings(config.seconds(), Duration.ofSeconds(config.downSeconds()))
              : fleet.faultAt(config.seconds());
      say(
          "fleet: %d readings of %d devices at %d/s for %d s; %d degrading, %d cases expected;"
              + " fault at %.1f s",
          fleet.readings().size(),
          config.devices(),
          config.rate(),
          config.seconds(),
          fleet.truth().failing().size(),
          fleet.expectedCases(),
          faultAt.toNanos() / 1e9);
      publisher.start();
      sleepUntil(publisher.startedNanos() + faultAt.toNanos());
      // A store cannot be asked while it is down: what it held when it stopped is the mark. A
      // restarted PostgreSQL has recovered once a case is written again (readings may all be
      // stored by then), when any is due from the fault on.
      boolean byCases =
          fault == Fault.POSTGRES_RESTARTED
              && fleet.openingsWithin(faultAt, Duration.ofSeconds(config.seconds())) > 0;
      Count count =
          byCases ? () -> sum(stores.openedCases(prefix)) : () -> sum(storedPoints(prefix));
      long before = fault == Fault.INFLUX_STOPPED || byCases ? count.get() : -1;
      String note = inject(job, outreach);
      long faultEnd = System.nanoTime();
      if (fault == Fault.POSTGRES_RESTARTED) {
        note +=
            ", "
                + fleet.openingsWithin(faultAt, Duration.ofSeconds(config.downSeconds()))
                + " cases due meanwhile";
      }
      double recovery;
      if (fault == Fault.ALL_KILLED) {
        // Both must work again: readings stored after the broker's start (the last one started),
        // SMS accepted after the service's relaunch (the first). The three restarts take long
        // enough that the fleet may send its last reading before the job has subscribed again;
        // a stored fleet reading would then never come, however well the job reads. So probe
        // readings published from the broker's start tell when the job reads again.
        double stored = awaitProbeStored(name, faultEnd);
        double sms = outreach.recoverySeconds(RECOVERY);
        long fleetEnd = publisher.finishedNanos();
        say(
            "first probe reading stored %s after the broker's start (the fleet's last reading"
                + " acknowledged %s), first SMS accepted %s after the service's relaunch",
            stored < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", stored),
            fleetEnd == 0
                ? "later"
                : String.format(
                    Locale.ROOT, "%+.1f s from the broker's start", (fleetEnd - faultEnd) / 1e9),
            sms < 0 ? "never" : String.format(Locale.ROOT, "%.1f s", sms));
        recovery = stored < 0 || sms < 0 ? -1 : Math.max(stored, sms);
      } else if (outreach == null) {
        recovery = awaitGrowth(count, faultEnd, before);
        String what = byCases ? "case" : "reading";
        say(
            recovery < 0
                ? "no " + what + " stored within " + RECOVERY.toSeconds() + " s of the fault's end"
                : String.format(
                    Locale.ROOT, "first %s stored %.1f s after the fault", what, recovery));
      } else {
        // What the fault stops here is sending: recovered once the provider takes a message again.
        recovery = outreach.recoverySeconds(RECOVERY);
        say(
            recovery < 0
                ? "no SMS accepted within " + RECOVERY.toSeconds() + " s of the fault's end"
                : String.format(
                    Locale.ROOT, "first SMS accepted %.1f s after the fault's end", recovery));
      }
      if (!publisher.await(Duration.ofSeconds(config.seconds()).plus(RECOVERY))) {
        note += "; the fleet did not finish";
      }
      say(
          "fleet done: %d readings acknowledged, %d retries; waiting for the stores",
          publisher.sent(), publisher.retries());
      Map<String, Long> expectedPoints = expectedPoints(fleet);
      long sentTotal = expectedPoints.values().stream().mapToLong(Long::longValue).sum();
      Map<String, Long> points = Map.of();
      Map<String, Long> opened = Map.of();
      long deadline = System.nanoTime() + Duration.ofSeconds(config.settleSeconds()).toNanos();
      do {
        Thread.sleep(1000);
        points = storedPoints(prefix);
        opened = stores.openedCases(prefix);
      } while ((sum(points) < sentTotal || sum(opened) < fleet.expectedCases())
          && System.nanoTime() < deadline);
      if (outreach != null) {
        outreach.awaitSettled(deadline);
      }
      Thread.sleep(3000); // for anything stored twice to show
      points = storedPoints(prefix);
      opened = stores.openedCases(prefix);
      long casesLost = 0;
      long casesDuplicated = 0;
      Set<String> keys = new HashSet<>(fleet.expectedOpened().keySet());
      keys.addAll(opened.keySet());
      for (String key : keys) {
        long expected = fleet.expectedOpened().getOrDefault(key, 0L);
        long found = opened.getOrDefault(key, 0L);
        casesLost += Math.max(0, expected - found);
        casesDuplicated += Math.max(0, found - expected);
      }
      long lost = 0;
      for (Map.Entry<String, Long> device : expectedPoints.entrySet()) {
        lost += Math.max(0, device.getValue() - points.getOrDefault(device.getKey(), 0L));
      }
      OutreachFaults.Sends sends =
          outreach == null ? new OutreachFaults.Sends(-1, -1, "") : outreach.count();
      if (outreach != null) {
        note += "; " + sends.note();
      }
      return new Result(
          fault,
          publisher.sent(),
          sum(points),
          lost,
          fleet.expectedCases(),
          sum(opened),
          casesLost,
          casesDuplicated,
          recovery,
          publisher.retries(),
          note,
          sends.duplicated(),
          sends.lost());
    }
  }

  /** Injects the fault and ends it; says what it did. */
  private String inject(JobProcess job, OutreachFaults outreach) throws Exception {
    switch (fault) {
      case JOB_KILLED -> {
        long pid = job.pid();
        job.kill();
        say("killed the job (kill -9, pid %d); down for %d s", pid, config.downSeconds());
        Thread.sleep(config.downSeconds() * 1000L);
        Optional<Path> checkpoint = job.newestCheckpoint();
        job.start(checkpoint);
        say(
            "job restarted as process %d from %s",
            job.pid(), checkpoint.map(Path::toString).orElse("no checkpoint"));
        return checkpoint
            .map(c -> "restored from " + c.getFileName())
            .orElse("no checkpoint: started afresh");
      }
      case BROKER_RESTARTED -> {
        run.broker().stop();
        say("stopped the broker (SIGTERM); down for %d s", config.downSeconds());
        Thread.sleep(config.downSeconds() * 1000L);
        run.broker().startAgain();
        say("broker started again on %s", run.broker().url());
        return "broker down " + config.downSeconds() + " s" + sharedSubscriptionLimit();
      }
      case INFLUX_STOPPED -> {
        stores.ownInflux().stop();
        say("stopped InfluxDB (SIGTERM); down for %d s", config.influxDownSeconds());
        Thread.sleep(config.influxDownSeconds() * 1000L);
        stores.ownInflux().startAgain();
        say("InfluxDB started again on %s", stores.ownInflux().url());
        return "InfluxDB down " + config.influxDownSeconds() + " s";
      }
      case POSTGRES_RESTARTED -> {
        stores.ownPostgres().stop();
        say("stopped PostgreSQL (fast shutdown); down for %d s", config.downSeconds());
        Thread.sleep(config.downSeconds() * 1000L);
        stores.ownPostgres().startAgain();
        say("PostgreSQL started again on %s", stores.ownPostgres().url());
        return "PostgreSQL down " + config.downSeconds() + " s";
      }
      case PROVIDER_FAULTS -> {
        return outreach.providerFaults(
            config.outreachLoad(), Duration.ofSeconds(config.downSeconds()));
      }
      case OUTREACH_KILLED -> {
        return outreach.killRestartAndDouble(
            config.outreachLoad(), Duration.ofSeconds(config.downSeconds()));
      }
      case ALL_KILLED -> {
        outreach.burstUntilDispatching(config.outreachLoad());
        String killed = outreach.kill();
        long jobPid = job.pid();
        job.kill();
        run.broker().kill();
        say(
            "killed together: %s; the job (kill -9, pid %d); the broker (kill -9); down for %d s",
            killed, jobPid, config.downSeconds());
        Thread.sleep(config.downSeconds() * 1000L);
        // The reverse of what depends on what: the service, then the job, then their broker.
        outreach.restart();
        Optional<Path> checkpoint = job.newestCheckpoint();
        job.start(checkpoint);
        say(
            "job restarted as process %d from %s, the broker still down",
            job.pid(), checkpoint.map(Path::toString).orElse("no checkpoint"));
        run.broker().startAgain();
        say("broker started again on %s", run.broker().url());
        return "started again: outreach, job ("
            + checkpoint.map(c -> "from " + c.getFileName()).orElse("afresh")
            + "), broker; a broker killed with -9 with the job loses what it acknowledged since"
            + " its last autosave (30 s) and the job had not checkpointed"
            + sharedSubscriptionLimit();
      }
      default -> throw new IllegalStateException("unknown fault " + fault);
    }
  }

  /**
   * What a broker restart costs under a shared subscription, said where the loss is counted rather
   * than counted away: Mosquitto 2.0.11 restores the job's sessions without it
   * (docs/mqtt-broker.md).
   */
  private String sharedSubscriptionLimit() {
    return config.sharedSubscription()
        ? "; shared subscription: the broker forgets it over a restart and drops what devices"
            + " publish before the job subscribes again"
        : "";
  }

  /** Publishes probe readings until the job has stored one: its sessions exist from then on. */
  private void awaitConsuming(JobProcess job, String name) throws Exception {
    String probe = JobReadiness.PROBE_PREFIX + name;
    long started = System.nanoTime();
    long deadline = started + READY.toNanos();
    try (MqttClient client = new MqttClient(run.broker().url(), probe, new MemoryPersistence())) {
      client.connect();
      for (long seq = 0; storedProbes(probe) == 0; seq++) {
        if (!job.alive() || System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the job stored no probe reading within "
                  + READY.toSeconds()
                  + " s; see "
                  + job.log());
        }
        Reading reading = new Reading(probe, Instant.now(), seq, "probe", Map.of("probe", 1.0));
        client.publish(ReadingJson.telemetryTopic(probe), ReadingJson.write(reading), 1, false);
        Thread.sleep(500);
      }
      client.disconnect();
    }
    say("job consuming after %.1f s", (System.nanoTime() - started) / 1e9);
  }

  /**
   * Seconds from the fault's end until the job stores a probe reading published after it; -1 if
   * none within the patience. A probe published before the job has subscribed again may be dropped
   * by the broker; the next one, half a second later, is not.
   */
  private double awaitProbeStored(String name, long faultEnd) throws Exception {
    String probe = JobReadiness.PROBE_PREFIX + "after-" + name;
    try (MqttClient client = new MqttClient(run.broker().url(), probe, new MemoryPersistence())) {
      client.connect();
      for (long seq = 0; storedProbes(probe) == 0; seq++) {
        if (System.nanoTime() - faultEnd > RECOVERY.toNanos()) {
          return -1;
        }
        Reading reading = new Reading(probe, Instant.now(), seq, "probe", Map.of("probe", 1.0));
        client.publish(ReadingJson.telemetryTopic(probe), ReadingJson.write(reading), 1, false);
        Thread.sleep(500);
      }
      client.disconnect();
    }
    return (System.nanoTime() - faultEnd) / 1e9;
  }

  private long storedProbes(String probe) {
    try {
      return sum(stores.influx().countByDevice(probe, "probe"));
    } catch (Exception e) {
      return 0; // no database yet: the job creates it with its first write
    }
  }

  /** Something the stores hold, counted. */
  private interface Count {
    long get() throws Exception;
  }

  /**
   * Seconds from the fault's end until the count first grows past {@code before} (when not
   * negative, otherwise past what it is at the fault's end); -1 if it does not.
   */
  private static double awaitGrowth(Count count, long faultEnd, long before) throws Exception {
    if (before < 0) {
      before = count.get();
    }
    while (System.nanoTime() - faultEnd < RECOVERY.toNanos()) {
      if (count.get() > before) {
        return (System.nanoTime() - faultEnd) / 1e9;
      }
      Thread.sleep(100);
    }
    return -1;
  }

  private Map<String, Long> storedPoints(String prefix) throws Exception {
    return stores.influx().countByDevice(prefix, FaultFleet.METRIC);
  }

  /** Distinct readings per device: what history must hold once. */
  private static Map<String, Long> expectedPoints(FaultFleet fleet) {
    Map<String, Set<Instant>> times = new HashMap<>();
    for (Outgoing.Telemetry reading : fleet.readings()) {
      times.computeIfAbsent(reading.deviceId(), d -> new HashSet<>()).add(reading.reading().ts());
    }
    Map<String, Long> counts = new HashMap<>();
    times.forEach((device, set) -> counts.put(device, (long) set.size()));
    return counts;
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static void sleepUntil(long nanos) {
    for (long wait = nanos - System.nanoTime(); wait > 0; wait = nanos - System.nanoTime()) {
      LockSupport.parkNanos(wait);
    }
  }

  private void say(String format, Object... values) {
    System.out.println(
        "bench: scenario "
            + fault.number
            + " ("
            + fault.label
            + "): "
            + String.format(Locale.ROOT, format, values));
  }
}
