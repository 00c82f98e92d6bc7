package dev.forewarn.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.ingest.job.IngestConfig;
import dev.forewarn.ingest.job.IngestJob;
import dev.forewarn.ingest.job.JobReadiness;
import dev.forewarn.ingest.runs.Credentials;
import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import dev.forewarn.outreach.OutreachApplication;
import dev.forewarn.simulator.RunStats;
import dev.forewarn.simulator.Simulator;
import dev.forewarn.simulator.SimulatorConfig;
import dev.forewarn.simulator.fleet.DeviceProfile;
import dev.forewarn.simulator.mqtt.WireFormat;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./forewarn demo}: a fleet in which a few devices degrade, the telemetry job watching it
 * with a compressor-overheating rule, and the outreach service telling each owner, all in one
 * process. It stops after {@code --duration} or on Ctrl-C (SIGINT, SIGTERM, SIGHUP) in the reverse
 * order of start-up, removes what it made on the services it used, and prints one summary line.
 * Everything it makes on shared services carries the run's id ({@link RunNames}) and is listed in
 * its ledger first, so that a run that was killed leaves nothing that the next run would pick up,
 * and the next run removes it.
 */
public final class Demo {

  static final String RULE_ID = "demo-compressor-overheat";

  private static final int PARALLELISM = 2;

  private final DemoConfig config;
  private final StopSignals signals;
  private final RunNames names = RunNames.random();

  private Demo(DemoConfig config, StopSignals signals) {
    this.config = config;
    this.signals = signals;
  }

  public static void main(String[] args) {
    if (DemoConfig.wantsHelp(args)) {
      System.out.print(DemoConfig.help());
      return;
    }
    DemoConfig config;
    try {
      config = DemoConfig.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("demo: " + e.getMessage() + " (see ./forewarn demo --help)");
      System.exit(2);
      return;
    }
    int status = 0;
    try {
      Summary summary = new Demo(config, StopSignals.install()).run();
      System.out.println(summary.line());
    } catch (Exception e) {
      System.err.println("demo: failed: " + e);
      e.printStackTrace();
      status = 1;
    }
    // Flink and Spring leave non-daemon threads behind; the demo is over.
    System.exit(status);
  }

  Summary run() throws Exception {
    Path ledgers = RunLedger.directory(System.getenv());
    Credentials credentials =
        config
            .jdbcUrl()
            .map(url -> Credentials.jdbc(url, config.jdbcUser(), config.jdbcPassword()))
            .orElse(Credentials.none());
    for (RunLedger.Cleanup swept : RunLedger.sweep(ledgers, credentials)) {
      swept.leftBehind().ifPresent(Demo::say);
      swept.notRemoved().forEach(Demo::say);
    }
    RunLedger ledger = RunLedger.create(ledgers, names.ledger(), credentials);
    try {
      say(
          "run "
              + names.id()
              + ": MQTT clients "
              + names.jobClientId()
              + "-*, rules under "
              + names.rulesTopic()
              + ", InfluxDB database "
              + names.influxDatabase());
      return runWith(ledger);
    } finally {
      ledger.removeAll().notRemoved().forEach(Demo::say);
      ledger.close();
    }
  }

  private Summary runWith(RunLedger ledger) throws Exception {
    Path directory = Path.of(System.getProperty("java.io.tmpdir"), names.directory());
    ledger.record(new Leftover.LocalDirectory(directory));
    Files.createDirectories(directory);
    try (MqttBroker broker = MqttBroker.startOrFind(config.mqttUrl(), config.port());
        Database database = Database.startOrUse(config, names, ledger, directory);
        History history = History.findOrStart(config.influxUrl(), names, ledger, directory)) {
      say("mqtt: " + broker.url() + " (" + broker.description() + ")");
      say("postgresql: " + database.description());
      say(
          "history: "
              + history
                  .url()
                  .map(url -> url + " (" + history.description() + ")")
                  .orElse(history.description()));
      if (broker.outlivesRun()) {
        ledger.record(new Leftover.MqttSession(broker.url(), names.jobSession()));
        if (config.format() == WireFormat.Kind.SPARKPLUG) {
          ledger.record(new Leftover.MqttSession(broker.url(), names.sparkplugSession()));
        }
        ledger.record(new Leftover.MqttRetained(broker.url(), names.rulesTopic()));
      }
      return stopRequested() ? Summary.NONE : runFlow(broker, database, history, directory);
    }
  }

  private Summary runFlow(MqttBroker broker, Database database, History history, Path directory)
      throws Exception {
    DemoSecurity security = new DemoSecurity(System.getenv());
    try (ConfigurableApplicationContext outreach =
        startOutreach(broker, database, history, security)) {
      if (stopRequested()) {
        return Summary.NONE;
      }
      String base = "http://localhost:" + config.port();
      say(security.signIn(outreach, base + "/login"));
      OutreachApi api = new OutreachApi(base, DemoSecurity.apiToken(outreach));
      Fleet fleet = Fleet.of(config);
      Simulator simulator =
          new Simulator(
              SimulatorConfig.parse(
                  fleet.simulatorArgs(broker.url(), names.simulatorClientId()), Map.of()));
      List<String> deviceIds =
          simulator.fleet().stream().map(DeviceProfile::deviceId).map(fleet::jobDeviceId).toList();
      Fleet.register(deviceIds, api);
      api.addRule(fleet.rule(RULE_ID, deviceIds));
      say(
          "fleet: %d devices, %d degrading, speaking %s"
              .formatted(
                  config.devices(),
                  config.degrading(),
                  config.format().name().toLowerCase(Locale.ROOT)));
      JobClient job =
          IngestJob.start(
              IngestConfig.parse(jobArgs(broker, database, history, directory), Map.of()));
      JobMetrics jobMetrics = new JobMetrics(job, outreach.getBean(MeterRegistry.class));
      try {
        JobReadiness.awaitConsuming(job, broker.url(), Duration.ofSeconds(60));
        if (stopRequested()) {
          return Summary.NONE;
        }
        return play(simulator, job, api);
      } finally {
        try {
          api.removeRule(RULE_ID);
        } catch (IOException e) {
          say("rule not removed through the API (" + e.getMessage() + "); cleared at the end");
        }
        jobMetrics.close();
        job.cancel().get(30, TimeUnit.SECONDS);
      }
    }
  }

  /** Plays the fleet until the end of the run, then lets what it published work its way through. */
  private Summary play(Simulator simulator, JobClient job, OutreachApi api) throws Exception {
    long probes = JobReadiness.readings(job);
    simulator.start();
    try (FirstCase firstCase = FirstCase.watch(api, System.nanoTime())) {
      say("console on http://localhost:" + config.port() + "/ (API under /api) — " + waitHint());
      signals.await(Duration.ofSeconds(config.duration()));
      RunStats published = simulator.stop();
      long readings = Drain.readings(job, probes + published.published(), Duration.ofSeconds(20));
      JsonNode stats = Drain.outreach(api, Duration.ofSeconds(15));
      return new Summary(
          readings,
          stats.path("cases_opened").asLong(),
          stats.path("notifications_sent").asLong(),
          stats.path("dead_letters").asLong(),
          firstCase.after());
    }
  }

  private boolean stopRequested() {
    if (signals.requested()) {
      say("stopping before the fleet started");
      return true;
    }
    return false;
  }

  private ConfigurableApplicationContext startOutreach(
      MqttBroker broker, Database database, History history, DemoSecurity security) {
    // Given as arguments (in this process, not on its command line): they outrank the service's
    // own application.properties.
    List<String> args =
        new ArrayList<>(
            List.of(
                "--server.port=" + config.port(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--forewarn.mqtt.url=" + broker.url(),
                "--forewarn.mqtt.rules-topic=" + names.rulesTopic(),
                "--spring.main.banner-mode=off"));
    database.schema().ifPresent(schema -> args.add("--spring.flyway.schemas=" + schema));
    // The service reads the same history the job writes: device views, charts, backtests.
    history
        .url()
        .ifPresent(
            url -> {
              args.add("--forewarn.influx.url=" + url);
              args.add("--forewarn.influx.database=" + history.database());
            });
    args.addAll(security.serviceArgs());
    return new SpringApplicationBuilder(OutreachApplication.class)
        // The demo stops the service itself, after draining, also on Ctrl-C.
        .registerShutdownHook(false)
        .run(args.toArray(String[]::new));
  }

  private String[] jobArgs(MqttBroker broker, Database database, History history, Path directory) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--mqtt-url", broker.url(),
                "--mqtt-client-id", names.jobClientId(),
                "--rules-topic", names.rulesTopic(),
                "--parallelism", Integer.toString(PARALLELISM),
                "--checkpoint-dir", directory.resolve("checkpoints").toUri().toString(),
                "--jdbc-url", database.jdbcUrl(),
                "--jdbc-user", database.user(),
                "--jdbc-password", database.password(),
                "--influx-url", history.url().orElse(""),
                "--influx-database", history.database(),
                "--max-future-skew", Fleet.of(config).maxFutureSkew().toString()));
    if (config.format() == WireFormat.Kind.SPARKPLUG) {
      args.addAll(List.of("--sparkplug-groups", WireFormat.SPARKPLUG_GROUP));
    }
    return args.toArray(String[]::new);
  }

  private String waitHint() {
    return config.duration() > 0
        ? "stopping in " + config.duration() + " s"
        : "press Ctrl-C to stop";
  }

  static void say(String line) {
    System.out.println("demo: " + line);
  }

  /** What the run did, in the one line the demo ends with. */
  record Summary(
      long readings,
      long casesOpened,
      long notificationsSent,
      long deadLetters,
      Optional<Duration> firstCase) {

    static final Summary NONE = new Summary(0, 0, 0, 0, Optional.empty());

    String line() {
      return "demo: readings="
          + readings
          + " cases_opened="
          + casesOpened
          + " notifications_sent="
          + notificationsSent
          + " dead_letters="
          + deadLetters
          + " first_case_after_s="
          + firstCase.map(FirstCase::seconds).orElse("none");
    }
  }
}
