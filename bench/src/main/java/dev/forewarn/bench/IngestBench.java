package dev.forewarn.bench;

import dev.forewarn.ingest.runs.RunLedger;
import dev.forewarn.simulator.mqtt.RawPublisher.Message;
import dev.forewarn.simulator.mqtt.WireFormat;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * {@code ./forewarn bench ingest}: how close the telemetry job comes to what the broker and Paho
 * carry on this machine, and how long a reading that opens a case takes to become a stored case
 * event. Prints progress, then one line: {@code ingest: limit_msgs_per_s=N pipeline_msgs_per_s=N
 * ratio=R p99_publish_to_case_ms=N}; with several {@code --format}s, also one line per format:
 * {@code ingest[senml]: pipeline_msgs_per_s=N cpu_us_per_reading=N vs_json=R}.
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

    List<String> lines = new ArrayList<>();
    Map<WireFormat.Kind, Double> throughputs = new LinkedHashMap<>();
    Map<WireFormat.Kind, Double> cpu = new LinkedHashMap<>();
    for (WireFormat.Kind format : config.formats()) {
      String formatRun =
          config.formats().size() == 1
              ? run
              : run + format.name().toLowerCase(Locale.ROOT).charAt(0);
      Workload formatWorkload = new Workload(formatRun, config.devices(), format);
      // Readings without seq wait for the watermark; (c) measures the path of readings with one.
      boolean latencyRun = format == WireFormat.Kind.JSON;
      try (PipelineRun pipeline = new PipelineRun(config, formatRun, formatWorkload, ledger)) {
        String name = format.name().toLowerCase(Locale.ROOT);
        say("(b) pipeline %s: schema, %d rules, job starting", name, config.devices());
        pipeline.start();
        // Each device's readings to the job follow on without a gap, in seq and in event time:
        // the warm-up, the measured readings, then those of (c).
        Instant pipelineStart = start.plusSeconds(warmUpRounds + rounds + 1L);
        List<Message> warmUp = formatWorkload.steady(warmUpCount, pipelineStart, 0);
        List<Message> measured =
            formatWorkload.steady(
                config.messages(), pipelineStart.plusSeconds(warmUpRounds), warmUpRounds);
        String done = config.history() ? "InfluxDB holds them all" : "the job has counted them all";
        say("(b) pipeline %s: warm-up, %d readings; done when %s", name, warmUpCount, done);
        pipeline.warmUp(warmUp);
        say(
            "(b) pipeline %s: publishing %d readings (%d bytes each), measured; done when %s",
            name, config.messages(), measured.get(measured.size() - 1).payload().length, done);
        long cpuBefore = processCpuNanos();
        double throughput = pipeline.throughput(measured);
        double cpuMicros = (processCpuNanos() - cpuBefore) / 1e3 / config.messages();
        throughputs.put(format, throughput);
        cpu.put(format, cpuMicros);
        say("(b) %s pipeline_msgs_per_s=%.0f cpu_us_per_reading=%.1f", name, throughput, cpuMicros);
        if (!latencyRun) {
          continue;
        }
        double rate = throughput / 2;
        say(
            "(c) latency %s: %.0f readings/s, %d s warm-up then %d s measured; every 100th reading"
                + " of a device opens a case",
            name, rate, config.warmUpSeconds(), config.latencySeconds());
        Percentiles latency = new Percentiles(pipeline.latencies(rate, warmUpRounds + rounds));
        say(
            "(c) %d cases: p50=%.0f ms p99=%.0f ms max=%.0f ms",
            latency.size(), latency.at(50), latency.at(99), latency.at(100));
        lines.add(
            0,
            String.format(
                Locale.ROOT,
                "ingest: limit_msgs_per_s=%.0f pipeline_msgs_per_s=%.0f ratio=%.2f"
                    + " p99_publish_to_case_ms=%.0f",
                limit,
                throughput,
                throughput / limit,
                latency.at(99)));
        say("cleaning up");
      }
    }
    if (config.formats().equals(List.of(WireFormat.Kind.JSON))) {
      return lines.get(0);
    }
    double json = throughputs.getOrDefault(WireFormat.Kind.JSON, Double.NaN);
    throughputs.forEach(
        (format, throughput) ->
            lines.add(
                String.format(
                    Locale.ROOT,
                    "ingest[%s]: pipeline_msgs_per_s=%.0f cpu_us_per_reading=%.1f vs_json=%.2f",
                    format.name().toLowerCase(Locale.ROOT),
                    throughput,
                    cpu.get(format),
                    throughput / json)));
    return String.join("\n", lines);
  }

  /** CPU time of this process (the job, its sinks and the publisher), in nanoseconds. */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void say(String format, Object... args) {
    System.out.println("bench: " + String.format(Locale.ROOT, format, args));
  }
}
