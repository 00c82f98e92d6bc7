package dev.forewarn.bench;

import dev.forewarn.ingest.runs.RunLedger;
import dev.forewarn.simulator.mqtt.RawPublisher.Message;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * {@code ./forewarn bench ingest}: how close the telemetry job comes to what the broker and Paho
 * carry on this machine, and how long a reading that opens a case takes to become a stored case
 * event. Prints progress, then one line: {@code ingest: limit_msgs_per_s=N pipeline_msgs_per_s=N
 * ratio=R p99_publish_to_case_ms=N}.
 */
public final class IngestBench {

  private IngestBench() {}

  public static void main(String[] args) throws Exception {
    if (BenchConfig.wantsHelp(args)) {
      System.out.print(BenchConfig.help());
      return;
    }
    BenchConfig config;
    try {
      config = BenchConfig.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(
          "bench ingest: " + e.getMessage() + " (see ./forewarn bench ingest --help)");
      System.exit(2);
      return;
    }
    String line = run(config);
    System.out.println(line);
    System.exit(0);
  }

  static String run(BenchConfig config) throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
    RunLedger ledger =
        BenchRuns.start(
            "bench-ingest-" + run, config.jdbcUrl(), config.jdbcUser(), config.jdbcPassword());
    try {
      return measure(config, run, ledger);
    } finally {
      BenchRuns.finish(ledger);
    }
  }

  private static String measure(BenchConfig config, String run, RunLedger ledger) throws Exception {
    Workload workload = new Workload(run, config.devices());
    // Whole rounds of the fleet, so that every device's readings follow on without a gap.
    int warmUpRounds = config.warmUpMessages() / config.devices();
    int warmUpCount = warmUpRounds * config.devices();
    int rounds = (config.messages() + config.devices() - 1) / config.devices();
    Instant start = Instant.now().minus(1, ChronoUnit.DAYS);
    say(
        "run %s: %d devices, %d readings of %d bytes, broker %s",
        run,
        config.devices(),
        config.messages(),
        workload.steady(1, start, 0).get(0).payload().length,
        config.mqttUrl());

    List<Message> limitWarmUp = workload.steady(warmUpCount, start, 0);
    List<Message> limitMessages =
        workload.steady(config.messages(), start.plusSeconds(warmUpRounds), warmUpRounds);
    double limit;
    try (LimitRun limitRun = LimitRun.connect(config, run)) {
      say("(a) limit: warm-up, %d readings to a subscriber that only counts", warmUpCount);
      limitRun.warmUp(limitWarmUp);
      say("(a) limit: publishing %d readings, measured", config.messages());
      limit = limitRun.measure(limitMessages);
    }
    say("(a) limit_msgs_per_s=%.0f", limit);

    try (PipelineRun pipeline = new PipelineRun(config, run, workload, ledger)) {
      say("(b) pipeline: schema, %d rules, job starting", config.devices());
      pipeline.start();
      // Each device's readings to the job follow on without a gap, in seq and in event time: the
      // warm-up, the measured readings, then those of (c).
      Instant pipelineStart = start.plusSeconds(warmUpRounds + rounds + 1L);
      List<Message> warmUp = workload.steady(warmUpCount, pipelineStart, 0);
      List<Message> measured =
          workload.steady(config.messages(), pipelineStart.plusSeconds(warmUpRounds), warmUpRounds);
      String done = config.history() ? "InfluxDB holds them all" : "the job has counted them all";
      say("(b) pipeline: warm-up, %d readings; done when %s", warmUpCount, done);
      pipeline.warmUp(warmUp);
      say("(b) pipeline: publishing %d readings, measured; done when %s", config.messages(), done);
      double throughput = pipeline.throughput(measured);
      say("(b) pipeline_msgs_per_s=%.0f", throughput);

      double rate = throughput / 2;
      say(
          "(c) latency: %.0f readings/s, %d s warm-up then %d s measured; every 100th reading of"
              + " a device opens a case",
          rate, config.warmUpSeconds(), config.latencySeconds());
      Percentiles latency = new Percentiles(pipeline.latencies(rate, warmUpRounds + rounds));
      say(
          "(c) %d cases: p50=%.0f ms p99=%.0f ms max=%.0f ms",
          latency.size(), latency.at(50), latency.at(99), latency.at(100));
      say("cleaning up");
      return String.format(
          Locale.ROOT,
          "ingest: limit_msgs_per_s=%.0f pipeline_msgs_per_s=%.0f ratio=%.2f p99_publish_to_case_ms=%.0f",
          limit,
          throughput,
          throughput / limit,
          latency.at(99));
    }
  }

  private static void say(String format, Object... args) {
    System.out.println("bench: " + String.format(Locale.ROOT, format, args));
  }
}
