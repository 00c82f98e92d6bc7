package dev.forewarn.bench;

import dev.forewarn.simulator.mqtt.RawPublisher;
import dev.forewarn.simulator.mqtt.RawPublisher.Message;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import org.apache.flink.core.execution.JobClient;

/**
 * {@code ./forewarn bench poison}: the telemetry job, as the demo and production run it (MQTT,
 * InfluxDB, PostgreSQL, a threshold, a trend and a rate rule for every device), takes {@code
 * --count} poison readings of every kind that once stopped it for everyone, with valid readings of
 * healthy devices in between. Its status is watched all along: a restart would show as the job
 * leaving RUNNING. At the end one more valid reading is timed from publish until InfluxDB returns
 * it, and the dead letters are counted by reason. Prints one line per kind, then {@code poison:
 * published=N dead_letters=N restarts=N publish_to_history_ms=N}.
 */
public final class PoisonBench {

  private static final String USAGE =
      "Usage: ./forewarn bench poison [--count N] [--mqtt-url U] [--influx-url U] [--jdbc-url U]"
          + " [--jdbc-user U] [--jdbc-password P]\n"
          + "Publishes N (default 1000) poison readings of each kind to the telemetry job and"
          + " reports its restarts and one valid reading's time from publish to history.\n";

  /** Each kind: a name, whether it is refused as a dead letter, and its payload for a seq. */
  /** The metric of the valid readings, which history is counted by. */
  private static final String METRIC = "temp";

  private record Kind(String name, boolean refused, LongFunction<String> payload) {}

  private static final List<Kind> KINDS =
      List.of(
          new Kind("ts-overflows-long", true, seq -> reading("+300000000-01-01T00:00:00Z", seq)),
          new Kind("ts-after-stores", true, seq -> reading("+100000-01-01T00:00:00Z", seq)),
          new Kind("ts-before-stores", true, seq -> reading("-100000-01-01T00:00:00Z", seq)),
          new Kind("nul-quoted-in-reason", true, seq -> reading("2026-11-22T10:00:00\\u0000", seq)),
          new Kind(
              "nul-in-metric-name",
              true,
              seq ->
                  "{\"ts\":\"" + at(seq) + "\",\"seq\":" + seq + ",\"metrics\":{\"t\\u0000\":1}}"),
          new Kind(
              "newline-in-model",
              true,
              seq ->
                  "{\"ts\":\""
                      + at(seq)
                      + "\",\"seq\":"
                      + seq
                      + ",\"model\":\"x\\ntelemetry,device_id=forged temp=1\","
                      + "\"metrics\":{\"temp\":1}}"),
          new Kind(
              "huge-values",
              false,
              seq ->
                  "{\"ts\":\""
                      + at(seq)
                      + "\",\"seq\":"
                      + seq
                      + ",\"metrics\":{\""
                      + METRIC
                      + "\":"
                      + (seq % 2 == 0 ? "1.7e308" : "-1.7e308")
                      + "}}"));

  private static final Instant T0 = Instant.now().minus(Duration.ofDays(1));

  private PoisonBench() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--help")) {
        System.out.print(USAGE);
        return;
      }
      if (!args[i].startsWith("--") || i + 1 == args.length) {
        System.err.print("bench poison: unexpected '" + args[i] + "'\n" + USAGE);
        System.exit(2);
      }
      options.put(args[i], args[++i]);
    }
    int count = Integer.parseInt(options.getOrDefault("--count", "1000"));
    String mqtt = option(options, "--mqtt-url", "FOREWARN_TEST_MQTT_URL", "tcp://127.0.0.1:11883");
    String influxUrl =
        option(options, "--influx-url", "FOREWARN_TEST_INFLUX_URL", "http://127.0.0.1:8086");
    String jdbc =
        option(
            options,
            "--jdbc-url",
            "FOREWARN_TEST_JDBC_URL",
            "jdbc:postgresql://127.0.0.1:5432/forewarn_test");
    String user = option(options, "--jdbc-user", "FOREWARN_TEST_JDBC_USER", "forewarn");
    String password = option(options, "--jdbc-password", "FOREWARN_TEST_JDBC_PASSWORD", "forewarn");
    System.out.println(run(count, mqtt, influxUrl, jdbc, user, password));
    System.exit(0);
  }

  static String run(
      int count, String mqtt, String influxUrl, String jdbc, String user, String password)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
    try (HostileJob hostile =
        new HostileJob("poison", run, mqtt, influxUrl, jdbc, user, password)) {
      Influx influx = hostile.influx();
      JobClient job = hostile.job();
      List<Message> messages = new ArrayList<>();
      for (int n = 0; n < count; n++) {
        for (Kind kind : KINDS) {
          String device = "poison-" + run + "-" + kind.name() + "-" + (n % 10);
          messages.add(message(device, kind.payload().apply(n / 10 + 1L)));
        }
        messages.add(
            message(
                "healthy-" + run + "-" + (n % 10),
                reading(at(n / 10 + 1L).toString(), n / 10 + 1L)));
      }
      say("run %s: publishing %d messages, %d of each poison kind", run, messages.size(), count);
      try (RawPublisher publisher =
          RawPublisher.connect(mqtt, "poison-" + run + "-pub", 1, 1000, null)) {
        publisher.publishAll(messages);
      }

      // One valid reading, timed from publish until InfluxDB returns it.
      String timed = "timed-" + run;
      long published;
      try (RawPublisher publisher =
          RawPublisher.connect(mqtt, "poison-" + run + "-timed", 1, 10, null)) {
        published = System.nanoTime();
        publisher.publishAll(List.of(message(timed, reading(Instant.now().toString(), 1))));
      }
      long deadline = published + TimeUnit.SECONDS.toNanos(120);
      while (influx.count(timed, METRIC) < 1) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the timed reading did not reach InfluxDB in 120 s");
        }
        Thread.sleep(5);
      }
      double historyMs = (System.nanoTime() - published) / 1e6;

      long expected = (long) count * KINDS.stream().filter(Kind::refused).count();
      Map<String, Long> letters =
          awaitDeadLetters(hostile.schemaUrl(), user, password, run, expected);
      StringBuilder report = new StringBuilder();
      long total = 0;
      for (Kind kind : KINDS) {
        long kept = letters.getOrDefault(kind.name(), 0L);
        total += kept;
        report.append(
            String.format(
                Locale.ROOT,
                "poison %-22s published=%d dead_letters=%d%s%n",
                kind.name(),
                count,
                kept,
                kind.refused() ? "" : " (valid: in history, evaluated by every rule)"));
      }
      long stored = influx.count("poison-" + run + "-huge-values", METRIC);
      long healthy = influx.count("healthy-" + run, METRIC);
      report.append(
          String.format(
              Locale.ROOT,
              "history: huge-values points=%d healthy points=%d; job status %s, left RUNNING %d"
                  + " times%n",
              stored,
              healthy,
              job.getJobStatus().get(),
              hostile.restarts()));
      report.append(
          String.format(
              Locale.ROOT,
              "poison: published=%d dead_letters=%d restarts=%d publish_to_history_ms=%.0f",
              (long) count * KINDS.size(),
              total,
              hostile.restarts(),
              historyMs));
      return report.toString();
    }
  }

  /** Dead letters of this run by kind (the device's name says which), once all are stored. */
  private static Map<String, Long> awaitDeadLetters(
      String url, String user, String password, String run, long expected) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    Map<String, Long> byKind = new LinkedHashMap<>();
    while (System.nanoTime() < deadline) {
      byKind.clear();
      try (Connection db = DriverManager.getConnection(url, user, password);
          Statement statement = db.createStatement();
          ResultSet rows = statement.executeQuery("SELECT topic FROM dead_letters")) {
        while (rows.next()) {
          String device = rows.getString(1).split("/")[1];
          String prefix = "poison-" + run + "-";
          if (device.startsWith(prefix)) {
            String kind = device.substring(prefix.length(), device.lastIndexOf('-'));
            byKind.merge(kind, 1L, Long::sum);
          }
        }
      }
      if (byKind.values().stream().mapToLong(Long::longValue).sum() >= expected) {
        return byKind;
      }
      Thread.sleep(500);
    }
    return byKind;
  }

  private static String reading(String ts, long seq) {
    return "{\"ts\":\"" + ts + "\",\"seq\":" + seq + ",\"metrics\":{\"" + METRIC + "\":60}}";
  }

  private static Instant at(long seq) {
    return T0.plusSeconds(60 * seq);
  }

  private static Message message(String device, String payload) {
    return new Message(
        "devices/" + device + "/telemetry", payload.getBytes(StandardCharsets.UTF_8));
  }

  private static String option(
      Map<String, String> options, String name, String variable, String fallback) {
    String value = options.get(name);
    if (value == null) {
      value = System.getenv(variable);
    }
    return value == null || value.isBlank() ? fallback : value;
  }

  private static void say(String format, Object... values) {
    System.out.println(String.format(Locale.ROOT, format, values));
  }
}
