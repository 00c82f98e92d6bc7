package dev.forewarn.demo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.ingest.job.IngestConfig;
import dev.forewarn.ingest.job.IngestJob;
import dev.forewarn.ingest.job.JobReadiness;
import dev.forewarn.ingest.mqtt.MqttSessions;
import dev.forewarn.outreach.OutreachApplication;
import dev.forewarn.simulator.RunStats;
import dev.forewarn.simulator.Simulator;
import dev.forewarn.simulator.SimulatorConfig;
import dev.forewarn.simulator.fleet.DeviceProfile;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.flink.core.execution.JobClient;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code ./forewarn demo}: a fleet in which a few devices degrade, the telemetry job watching it
 * with a compressor-overheating rule, and the outreach service telling each owner, all in one
 * process. With {@code --duration} it stops after that long and prints one summary line.
 */
public final class Demo {

  static final String RULE_ID = "demo-compressor-overheat";

  /** The job's client id prefix; its telemetry readers are "forewarn-demo-0" and "-1". */
  private static final String JOB_CLIENT_ID = "forewarn-demo";

  private static final int READERS = 2;

  private final DemoConfig config;
  private final CountDownLatch stopRequested = new CountDownLatch(1);

  private Demo(DemoConfig config) {
    this.config = config;
  }

  public static void main(String[] args) throws Exception {
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
    Summary summary = new Demo(config).run();
    System.out.println(summary.line());
    if (config.duration() > 0) {
      // Flink and Spring leave non-daemon threads behind; the demo is over.
      System.exit(0);
    }
  }

  Summary run() throws Exception {
    try (MqttBroker broker = MqttBroker.startOrFind(config.mqttUrl());
        Database database =
            Database.startOrUse(config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
        History history = History.findOrStart(config.influxUrl())) {
      say("mqtt: " + broker.url() + " (" + broker.description() + ")");
      say("postgresql: " + database.description());
      say(
          "history: "
              + history
                  .url()
                  .map(url -> url + " (" + history.description() + ")")
                  .orElse(history.description()));
      return runFlow(broker, database, history);
    }
  }

  private Summary runFlow(MqttBroker broker, Database database, History history) throws Exception {
    DemoSecurity security = new DemoSecurity(System.getenv());
    try (ConfigurableApplicationContext outreach = startOutreach(broker, database, security)) {
      String base = "http://localhost:" + config.port();
      say(security.signIn(outreach, base + "/login"));
      OutreachApi api = new OutreachApi(base, DemoSecurity.apiToken(outreach));
      Simulator simulator =
          new Simulator(
              SimulatorConfig.parse(Fleet.of(config).simulatorArgs(broker.url()), Map.of()));
      List<String> deviceIds = simulator.fleet().stream().map(DeviceProfile::deviceId).toList();
      Fleet.register(deviceIds, api);
      api.addRule(Fleet.ruleJson(RULE_ID, deviceIds));
      JobClient job =
          IngestJob.start(IngestConfig.parse(jobArgs(broker, database, history), Map.of()));
      JobReadiness.awaitConsuming(job, broker.url(), Duration.ofSeconds(60));
      long probes = JobReadiness.readings(job);
      simulator.start();
      say("console on http://localhost:" + config.port() + "/ (API under /api) — " + waitHint());
      awaitStop();
      RunStats published = simulator.stop();
      long readings = Drain.readings(job, probes + published.published(), Duration.ofSeconds(20));
      JsonNode stats = Drain.outreach(api, Duration.ofSeconds(15));
      api.removeRule(RULE_ID);
      job.cancel().get(30, TimeUnit.SECONDS);
      MqttSessions.endTelemetrySessions(broker.url(), JOB_CLIENT_ID, READERS);
      return new Summary(
          readings, stats.path("cases_opened").asLong(), stats.path("notifications_sent").asLong());
    }
  }

  private ConfigurableApplicationContext startOutreach(
      MqttBroker broker, Database database, DemoSecurity security) {
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
                "--spring.main.banner-mode=off"));
    args.addAll(security.serviceArgs());
    return new SpringApplicationBuilder(OutreachApplication.class)
        // The demo stops the service itself, after draining, also on Ctrl-C.
        .registerShutdownHook(false)
        .run(args.toArray(String[]::new));
  }

  private String[] jobArgs(MqttBroker broker, Database database, History history) {
    List<String> args =
        List.of(
            "--mqtt-url", broker.url(),
            "--mqtt-client-id", JOB_CLIENT_ID,
            "--mqtt-share-group", "forewarn-demo",
            "--parallelism", Integer.toString(READERS),
            "--jdbc-url", database.jdbcUrl(),
            "--jdbc-user", database.user(),
            "--jdbc-password", database.password(),
            "--influx-url", history.url().orElse(""));
    return args.toArray(String[]::new);
  }

  private String waitHint() {
    return config.duration() > 0
        ? "stopping in " + config.duration() + " s"
        : "press Ctrl-C to stop";
  }

  private void awaitStop() throws InterruptedException {
    if (config.duration() > 0) {
      stopRequested.await(config.duration(), TimeUnit.SECONDS);
      return;
    }
    Thread main = Thread.currentThread();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  stopRequested.countDown();
                  try {
                    main.join(60_000);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                }));
    stopRequested.await();
  }

  static void say(String line) {
    System.out.println("demo: " + line);
  }

  /** What the run did, in the one line the demo ends with. */
  record Summary(long readings, long casesOpened, long notificationsSent) {
    String line() {
      return "demo: readings="
          + readings
          + " cases_opened="
          + casesOpened
          + " notifications_sent="
          + notificationsSent;
    }
  }
}
