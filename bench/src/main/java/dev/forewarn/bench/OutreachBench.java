package dev.forewarn.bench;

import dev.forewarn.ingest.runs.Leftover;
import dev.forewarn.ingest.runs.RunLedger;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.lifecycle.CaseEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./forewarn bench outreach}: how long the outreach service takes from a case being opened
 * to its SMS request at the provider, at a steady rate of cases, and whether any message went out
 * twice. Prints progress, then one line: {@code outreach: cases=N cases_per_s=N p50_ms=N p95_ms=N
 * p99_ms=N duplicate_sends=N}.
 */
public final class OutreachBench {

  private static final String RULE_ID = "bench-compressor-overheat";
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(120);

  private final OutreachBenchConfig config;
  private final String run = UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
  private final DeliveryLedger ledger = new DeliveryLedger();

  private OutreachBench(OutreachBenchConfig config) {
    this.config = config;
  }

  public static void main(String[] args) throws Exception {
    if (Options.wantsHelp(args)) {
      System.out.print(OutreachBenchConfig.help());
      return;
    }
    OutreachBenchConfig config;
    try {
      config = OutreachBenchConfig.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(
          "bench outreach: " + e.getMessage() + " (see ./forewarn bench outreach --help)");
      System.exit(2);
      return;
    }
    String line = new OutreachBench(config).run();
    System.out.println(line);
    System.exit(0);
  }

  String run() throws Exception {
    String schema = "bench_outreach_" + run;
    // Lists the schema, so that the next run drops it when this one is killed.
    RunLedger runLedger =
        BenchRuns.start(
            "bench-outreach-" + run, config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
    runLedger.record(new Leftover.PostgresSchema(config.jdbcUrl(), config.jdbcUser(), schema));
    try {
      return measure(schema);
    } finally {
      BenchRuns.finish(runLedger);
    }
  }

  private String measure(String schema) throws Exception {
    try (TwilioStandIn twilio = new TwilioStandIn(ledger)) {
      say(
          "run %s: outreach starting on schema %s, Twilio stand-in %s",
          run, schema, twilio.baseUrl());
      try (OutreachService outreach = OutreachService.start(config, schema, twilio.baseUrl())) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> dropOnInterrupt(outreach)));
        say("registering %d customers, each with a phone, an email and a device", config.cases());
        long registering = System.nanoTime();
        List<String> phones = register(outreach);
        outreach.analyze();
        say("registered in %.1f s", (System.nanoTime() - registering) / 1e9);
        List<CaseEvent> events = events(config.cases());
        say(
            "writing %d case events at %d/s; the first %d are warm-up",
            events.size(), config.rate(), config.warmUpCases());
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor();
        progress.scheduleAtFixedRate(
            () -> say("sms_requests=%d duplicates=%d", ledger.requests(), ledger.duplicates()),
            5,
            5,
            TimeUnit.SECONDS);
        try {
          new CaseEventWriter(
                  BenchRuns.schemaUrl(config.jdbcUrl(), schema),
                  config.jdbcUser(),
                  config.jdbcPassword())
              .write(
                  events,
                  config.rate(),
                  (i, nanos) -> ledger.opened(phones.get(i), nanos, i >= config.warmUpCases()));
          say("all %d case events written; waiting for the outbox to drain", events.size());
          awaitDrained(outreach);
        } finally {
          progress.shutdownNow();
        }
        String line = result();
        say("stages (database clock): %s", outreach.stages());
        say("outbox %s; stopping and dropping schema %s", outreach.outboxByStatus(), schema);
        return line;
      }
    }
  }

  /** Ctrl-C mid-run still leaves no schema behind (after a kill -9, the next run drops it). */
  private static void dropOnInterrupt(OutreachService outreach) {
    try {
      outreach.close();
    } catch (Exception e) {
      System.err.println("bench: could not drop the schema on exit: " + e);
    }
  }

  private List<String> register(OutreachService outreach) throws Exception {
    List<String> phones = new ArrayList<>(config.cases());
    for (int i = 0; i < config.cases(); i++) {
      phones.add(String.format(Locale.ROOT, "+1555%07d", i));
    }
    Registration.parallel(
        config.cases(),
        8,
        i -> {
          long customer =
              outreach.addCustomer(
                  "Customer " + i, phones.get(i), "customer-" + i + "@bench.forewarn.dev");
          outreach.addDevice(deviceId(i), customer);
        });
    return phones;
  }

  private String deviceId(int i) {
    return "bench-" + run + "-" + i;
  }

  /** One OPENED event per device, decided now, for a breach that began two minutes earlier. */
  private List<CaseEvent> events(int count) {
    Instant now = Instant.now();
    Instant episodeStart = now.minus(Duration.ofMinutes(2));
    List<CaseEvent> events = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String device = deviceId(i);
      events.add(
          new CaseEvent(
              CaseEvent.idFor(device, RULE_ID, 1, CaseEvent.Type.OPENED, episodeStart),
              CaseEvent.Type.OPENED,
              device,
              RULE_ID,
              1,
              Severity.WARNING,
              now,
              episodeStart,
              Map.of("compressor_temp_c", 91.5),
              "compressor_temp_c has been above 85 for 2 minutes"));
    }
    return events;
  }

  /** Waits until every case's SMS reached the stand-in and no outbox row is still in flight. */
  private void awaitDrained(OutreachService outreach) throws Exception {
    long deadline = System.nanoTime() + DRAIN_TIMEOUT.toNanos();
    Map<String, Long> outbox = outreach.outboxByStatus();
    while (ledger.delivered() < config.cases()
        || outbox.getOrDefault("PENDING", 0L) + outbox.getOrDefault("SENDING", 0L) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            ledger.delivered()
                + " of "
                + config.cases()
                + " SMS reached the stand-in after "
                + DRAIN_TIMEOUT.toSeconds()
                + " s; outbox "
                + outbox);
      }
      Thread.sleep(200);
      outbox = outreach.outboxByStatus();
    }
    if (outbox.getOrDefault("FAILED", 0L) > 0) {
      say("warning: %d outbox rows FAILED", outbox.get("FAILED"));
    }
  }

  private String result() {
    Percentiles latency = new Percentiles(ledger.latenciesMillis());
    double seconds =
        (ledger.lastMeasuredDelivery().orElseThrow() - ledger.firstMeasuredOpening().orElseThrow())
            / 1e9;
    say(
        "%d measured cases: p50=%.0f ms p95=%.0f ms p99=%.0f ms max=%.0f ms",
        latency.size(), latency.at(50), latency.at(95), latency.at(99), latency.at(100));
    StringBuilder windows = new StringBuilder();
    ledger
        .latenciesByWindow(TimeUnit.SECONDS.toNanos(5))
        .forEach(
            (w, values) ->
                windows.append(
                    String.format(
                        Locale.ROOT, " %ds:%.0f", w * 5, new Percentiles(values).at(99))));
    say("p99 ms by opening time:%s; over %.1f s", windows, seconds);
    return String.format(
        Locale.ROOT,
        "outreach: cases=%d cases_per_s=%.0f p50_ms=%.0f p95_ms=%.0f p99_ms=%.0f"
            + " duplicate_sends=%d",
        config.cases(),
        latency.size() / seconds,
        latency.at(50),
        latency.at(95),
        latency.at(99),
        ledger.duplicates());
  }

  private static void say(String format, Object... args) {
    System.out.println("bench: " + String.format(Locale.ROOT, format, args));
  }
}
