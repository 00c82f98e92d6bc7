package dev.forewarn.bench;

import dev.forewarn.bench.FuzzPayloads.Fuzz;
import dev.forewarn.bench.FuzzPayloads.Outcome;
import dev.forewarn.ingest.mqtt.ReadableTopics;
import dev.forewarn.simulator.mqtt.RawPublisher;
import dev.forewarn.simulator.mqtt.RawPublisher.Message;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobStatus;

/**
 * {@code ./forewarn bench fuzz}: a seeded stream of hostile telemetry ({@link FuzzPayloads}) mixed
 * with valid readings, through the real broker into the telemetry job as production runs it ({@link
 * HostileJob}). Afterwards it compares what the stores hold with what each message should have
 * become: every refused payload exactly one dead letter, every valid reading exactly one point in
 * InfluxDB, nothing from a refused or unseen message stored, and the job never leaving RUNNING.
 * Prints a row per kind, the dead letters by reason, and last {@code fuzz: tried=N …
 * readings_lost=N …}.
 */
public final class FuzzBench {

  private static final Options OPTIONS =
      new Options(
              "Usage: ./forewarn bench fuzz [options]\n"
                  + "Publishes a seeded stream of hostile and valid telemetry through the broker"
                  + " into the telemetry job and checks what it stored and refused.\n\n")
          .add("--count", "", "10000", "messages to publish (at least)")
          .add("--seed", "", "1", "seed of the stream; the same seed gives the same messages")
          .services();

  private static final Duration SETTLE = Duration.ofSeconds(180);

  private FuzzBench() {}

  public static void main(String[] args) throws Exception {
    if (Options.wantsHelp(args)) {
      System.out.print(OPTIONS.help());
      return;
    }
    Map<String, String> values;
    try {
      values = OPTIONS.parse(args, System.getenv());
      Options.positive("--count", Options.number(values, "--count"));
      Long.parseLong(values.get("--seed"));
    } catch (IllegalArgumentException e) {
      System.err.println("bench fuzz: " + e.getMessage());
      System.exit(2);
      return;
    }
    Report report =
        run(
            Options.number(values, "--count"),
            Long.parseLong(values.get("--seed")),
            values.get("--mqtt-url"),
            values.get("--influx-url"),
            values.get("--jdbc-url"),
            values.get("--jdbc-user"),
            values.get("--jdbc-password"));
    System.out.println(report.text());
    System.exit(report.clean() ? 0 : 1);
  }

  /**
   * What one run found.
   *
   * @param rows per kind: sent, refused by the broker, dead letters expected and found, problems
   * @param reasons dead letters by reason, numbers and quoted values left out
   * @param lost valid readings with no point in InfluxDB
   * @param extra points beyond the valid readings (a refused or unseen message stored, a duplicate
   *     stored twice)
   * @param missingDeadLetters refused messages without their dead letter
   * @param extraDeadLetters dead letters beyond one per refused message (on a valid reading too),
   *     other than {@code late}
   * @param late reordered valid readings that came after their turn, behind the fleet's event time:
   *     stored, and kept as a dead letter "late: …" as designed
   * @param restarts times the job was seen leaving RUNNING
   */
  record Report(
      long tried,
      long brokerRefused,
      long deadLetters,
      long expectedReadings,
      long storedReadings,
      long lost,
      long extra,
      long missingDeadLetters,
      long extraDeadLetters,
      long late,
      int restarts,
      String jobStatus,
      List<String> rows,
      Map<String, Long> reasons) {

    boolean clean() {
      return lost == 0
          && extra == 0
          && missingDeadLetters == 0
          && extraDeadLetters == 0
          && restarts == 0
          && jobStatus.equals(JobStatus.RUNNING.name());
    }

    String text() {
      StringBuilder text = new StringBuilder();
      rows.forEach(row -> text.append(row).append('\n'));
      reasons.forEach(
          (reason, n) ->
              text.append(String.format(Locale.ROOT, "dead letters %6d  %s%n", n, reason)));
      text.append(
          String.format(
              Locale.ROOT,
              "fuzz: tried=%d broker_refused=%d dead_letters=%d readings_expected=%d"
                  + " readings_stored=%d readings_lost=%d extra_points=%d"
                  + " missing_dead_letters=%d extra_dead_letters=%d late=%d restarts=%d job=%s",
              tried,
              brokerRefused,
              deadLetters,
              expectedReadings,
              storedReadings,
              lost,
              extra,
              missingDeadLetters,
              extraDeadLetters,
              late,
              restarts,
              jobStatus));
      return text.toString();
    }
  }

  static Report run(
      int count,
      long seed,
      String mqtt,
      String influxUrl,
      String jdbc,
      String user,
      String password)
      throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 6).toLowerCase(Locale.ROOT);
    String prefix = "fz-" + run + "-";
    List<Fuzz> stream =
        FuzzPayloads.generate(prefix, seed, count, Instant.now().minus(Duration.ofDays(1)));
    try (HostileJob hostile = new HostileJob("fuzz", run, mqtt, influxUrl, jdbc, user, password)) {
      say("run %s: %d messages, seed %d", run, stream.size(), seed);
      Set<Integer> brokerRefused = publish(mqtt, run, stream);

      // What each topic should hold in dead letters, and each device in history.
      Map<String, Long> expectedLetters = new HashMap<>();
      Map<String, String> kindOfTopic = new HashMap<>();
      Map<String, Set<Long>> expectedPoints = new HashMap<>();
      Map<String, Long> lateAllowed = new HashMap<>();
      for (int i = 0; i < stream.size(); i++) {
        Fuzz fuzz = stream.get(i);
        String topic = ReadableTopics.asRead(fuzz.topic());
        kindOfTopic.merge(topic, fuzz.kind(), (a, b) -> a.equals(b) ? a : "valid-pool");
        boolean letter =
            fuzz.outcome() == Outcome.REFUSED
                || (fuzz.outcome() == Outcome.BROKER_REFUSED && !brokerRefused.contains(i));
        expectedLetters.merge(topic, letter ? 1L : 0L, Long::sum);
        if (fuzz.kind().equals("reordered-seq")) {
          lateAllowed.merge(topic, 1L, Long::sum);
        }
        if ((fuzz.outcome() == Outcome.STORED || fuzz.outcome() == Outcome.DUPLICATE)
            && !brokerRefused.contains(i)) {
          expectedPoints
              .computeIfAbsent(key(prefix, fuzz.device()), d -> new HashSet<>())
              .add(fuzz.ts());
        }
      }
      long expectedLetterTotal = expectedLetters.values().stream().mapToLong(Long::longValue).sum();
      long expectedPointTotal = expectedPoints.values().stream().mapToLong(Set::size).sum();

      // Waits until both stores hold at least what they should, then a little more for extras.
      long deadline = System.nanoTime() + SETTLE.toNanos();
      List<String[]> letters;
      Map<String, Long> points;
      do {
        Thread.sleep(1000);
        letters = deadLetters(hostile);
        points = points(hostile, prefix);
      } while ((letters.size() < expectedLetterTotal || sum(points) < expectedPointTotal)
          && System.nanoTime() < deadline);
      Thread.sleep(3000);
      letters = deadLetters(hostile);
      points = points(hostile, prefix);

      Map<String, Long> lettersByTopic = new HashMap<>();
      Map<String, Long> reasons = new TreeMap<>();
      Map<String, Long> lateByTopic = new HashMap<>();
      for (String[] letter : letters) {
        // A reading that came after a later one of its device was evaluated: stored all the same.
        lettersByTopic.merge(letter[0], 1L, Long::sum);
        if (letter[1].startsWith("late:")) {
          lateByTopic.merge(letter[0], 1L, Long::sum);
        }
        reasons.merge(summary(letter[1]), 1L, Long::sum);
      }
      Map<String, long[]> byKind = new TreeMap<>(); // sent, broker refused, expected, found, wrong
      for (int i = 0; i < stream.size(); i++) {
        long[] row = byKind.computeIfAbsent(stream.get(i).kind(), k -> new long[5]);
        row[0]++;
        row[1] += brokerRefused.contains(i) ? 1 : 0;
      }
      long missing = 0;
      long extraLetters = 0;
      long lateTotal = 0;
      Set<String> topics = new HashSet<>(expectedLetters.keySet());
      topics.addAll(lettersByTopic.keySet());
      for (String topic : topics) {
        // A reordered reading may come after its turn, behind the fleet's event time: one dead
        // letter "late: …" (docs/decisions.md), and still stored.
        long late =
            Math.min(lateByTopic.getOrDefault(topic, 0L), lateAllowed.getOrDefault(topic, 0L));
        long expected = expectedLetters.getOrDefault(topic, 0L);
        long found = lettersByTopic.getOrDefault(topic, 0L) - late;
        lateTotal += late;
        long[] row =
            byKind.computeIfAbsent(
                kindOfTopic.getOrDefault(topic, "unknown-topic"), k -> new long[5]);
        row[2] += expected;
        row[3] += found;
        row[4] += Math.abs(found - expected);
        missing += Math.max(0, expected - found);
        extraLetters += Math.max(0, found - expected);
      }
      long lost = 0;
      long extra = 0;
      Set<String> devices = new HashSet<>(expectedPoints.keySet());
      devices.addAll(points.keySet());
      for (String device : devices) {
        long expected = expectedPoints.getOrDefault(device, Set.of()).size();
        long found = points.getOrDefault(device, 0L);
        lost += Math.max(0, expected - found);
        extra += Math.max(0, found - expected);
      }
      List<String> rows = new ArrayList<>();
      rows.add(
          String.format(
              Locale.ROOT,
              "%-22s %-14s %6s %6s %8s %8s %6s",
              "kind",
              "outcome",
              "sent",
              "broker",
              "letters",
              "expected",
              "wrong"));
      Map<String, Outcome> outcomes = new LinkedHashMap<>();
      stream.forEach(fuzz -> outcomes.putIfAbsent(fuzz.kind(), fuzz.outcome()));
      byKind.forEach(
          (kind, row) -> {
            if (row[0] == 0 && row[3] == 0 && row[2] == 0) {
              return; // topics that several kinds share, and nothing wrong on them
            }
            rows.add(
                String.format(
                    Locale.ROOT,
                    "%-22s %-14s %6d %6d %8d %8d %6d",
                    kind,
                    outcomes.containsKey(kind)
                        ? outcomes.get(kind).name().toLowerCase(Locale.ROOT)
                        : "-",
                    row[0],
                    row[1],
                    row[3],
                    row[2],
                    row[4]));
          });
      return new Report(
          stream.size(),
          brokerRefused.size(),
          letters.size(),
          expectedPointTotal,
          sum(points),
          lost,
          extra,
          missing,
          extraLetters,
          lateTotal,
          hostile.restarts(),
          hostile.job().getJobStatus().get(10, TimeUnit.SECONDS).name(),
          rows,
          reasons);
    }
  }

  /**
   * Publishes the stream in order on one connection, except the messages that need a connection of
   * their own; returns the indexes of those the broker refused.
   */
  private static Set<Integer> publish(String mqtt, String run, List<Fuzz> stream) throws Exception {
    List<Message> batch = new ArrayList<>();
    Set<Integer> refused = new HashSet<>();
    try (RawPublisher publisher = RawPublisher.connect(mqtt, "fuzz-" + run + "-pub", 1, 1000)) {
      for (int i = 0; i < stream.size(); i++) {
        Fuzz fuzz = stream.get(i);
        if (!fuzz.ownConnection()) {
          batch.add(new Message(fuzz.topic(), fuzz.payload()));
          continue;
        }
        publisher.publishAll(batch);
        batch.clear();
        if (!RawMqtt.publish(mqtt, "fuzz-" + run + "-own-" + i, fuzz.topic(), fuzz.payload())) {
          refused.add(i);
        }
      }
      publisher.publishAll(batch);
    }
    return refused;
  }

  /** Every dead letter of the run: topic and reason. */
  private static List<String[]> deadLetters(HostileJob hostile) throws Exception {
    List<String[]> letters = new ArrayList<>();
    try (Connection db =
            DriverManager.getConnection(hostile.schemaUrl(), hostile.user(), hostile.password());
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT topic, reason FROM dead_letters")) {
      while (rows.next()) {
        letters.add(new String[] {rows.getString(1), rows.getString(2)});
      }
    }
    return letters;
  }

  /** Points per device of the run, devices keyed as {@link #key} does. */
  private static Map<String, Long> points(HostileJob hostile, String prefix) throws Exception {
    Map<String, Long> points = new HashMap<>();
    hostile
        .influx()
        .countByDevice(prefix, "temp")
        .forEach((device, n) -> points.merge(key(prefix, device), n, Long::sum));
    return points;
  }

  private static final Pattern ODD_DEVICE =
      Pattern.compile("^(fz-[a-z0-9]+-o\\d+).*", Pattern.DOTALL);

  /**
   * An odd device by its number alone: history writes some characters of a name as U+FFFD
   * (docs/contracts.md), so its stored id may differ from the topic's.
   */
  private static String key(String prefix, String device) {
    Matcher odd = ODD_DEVICE.matcher(device);
    return device.startsWith(prefix) && odd.matches() ? odd.group(1) : device;
  }

  private static final Pattern QUOTED = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'[^']*'");
  private static final Pattern NAMED = Pattern.compile("^(metrics|tags)\\.[^:]*:");
  private static final Pattern NUMBER = Pattern.compile("\\d+");

  /** A reason without the values it quotes, so that reasons of one kind count together. */
  static String summary(String reason) {
    if (reason.startsWith("late:")) {
      return "late: (a reading after its turn)";
    }
    String text = NAMED.matcher(reason).replaceFirst("$1.<name>:");
    int cut = text.indexOf(" (");
    text = cut > 0 ? text.substring(0, cut) : text;
    text = QUOTED.matcher(text).replaceAll("\"…\"");
    text = NUMBER.matcher(text).replaceAll("N");
    int line = text.indexOf('\n');
    text = line > 0 ? text.substring(0, line) : text;
    return text.length() > 100 ? text.substring(0, 100) + "…" : text;
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static void say(String format, Object... values) {
    System.out.println("bench: " + String.format(Locale.ROOT, format, values));
  }
}
