package dev.forewarn.bench;

import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.lifecycle.CaseEvent;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The outreach side of the scenarios that fault it (5, 6): the service as a process of its own on
 * the run's schema, SMS going to a Twilio stand-in that counts what it accepted per outbox row,
 * every fleet device registered with a customer of its own, and a burst of extra cases (written as
 * the job's sink writes them) so that many messages are in flight when the fault comes. Counts at
 * the end: messages the provider accepted more than once for one outbox row (duplicated), and cases
 * whose SMS the provider never accepted (lost).
 */
final class OutreachFaults implements AutoCloseable {

  /** How long the provider takes to answer an accepted message: many calls in flight at a time. */
  static final Duration ANSWER_DELAY = Duration.ofMillis(100);

  /** The service's read timeout at the provider; a hang lasts longer than it. */
  static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

  private static final Duration START = Duration.ofSeconds(180);
  private static final String LOAD_RULE = "bench-faults-load";

  /** What the outreach side found, and what its note says. */
  record Sends(long duplicated, long lost, String note) {}

  private final FaultRun run;
  private final Path dir;
  private final String loadPrefix;
  private final List<String> prefixes;
  private final TwilioStandIn twilio;
  private final OutreachProcess.Setup setup;
  private final List<OutreachProcess> instances = new ArrayList<>();
  private final Consumer<String> say;
  private String token;
  private int loadWritten;
  private long faultEnd;

  /**
   * @param prefix the fleet's device ids start with it
   * @param loadPrefix the extra cases' device ids start with it (not with {@code prefix})
   */
  OutreachFaults(FaultRun run, Path dir, String prefix, String loadPrefix, Consumer<String> say)
      throws Exception {
    this.run = run;
    this.dir = dir;
    this.loadPrefix = loadPrefix;
    this.prefixes = List.of(prefix, loadPrefix);
    this.say = say;
    this.twilio = new TwilioStandIn(new DeliveryLedger());
    twilio.answerDelay(ANSWER_DELAY);
    twilio.hangFor(READ_TIMEOUT.plusSeconds(3));
    this.setup =
        new OutreachProcess.Setup(
            run.schemaUrl(),
            run.schema(),
            run.jdbcUser(),
            run.jdbcPassword(),
            twilio.baseUrl(),
            OutreachProcess.newLinkKey(),
            List.of(
                // A dead instance's claims are taken over within seconds, not the default minute.
                "--forewarn.outbox.lease=6s",
                "--forewarn.outbox.backoff=500ms",
                "--forewarn.outbox.max-backoff=4s",
                "--forewarn.outbox.breaker.open-for=3s",
                "--forewarn.twilio.connect-timeout=2s",
                "--forewarn.twilio.read-timeout=" + READ_TIMEOUT.toSeconds() + "s",
                "--forewarn.outbox.workers=4",
                "--spring.datasource.hikari.maximum-pool-size=10"));
  }

  TwilioStandIn twilio() {
    return twilio;
  }

  /**
   * Starts the first instance and registers the fleet's devices and {@code load} more, each with a
   * customer and a phone number of its own.
   */
  void start(List<String> fleetDevices, int load, int scenario) throws Exception {
    OutreachProcess first = instance("a");
    first.start(START);
    say.accept("outreach started as process " + first.pid() + " (log " + first.log() + ")");
    token = OutreachProcess.issueManagerToken(setup, "bench-faults-" + scenario);
    List<String> devices = new ArrayList<>(fleetDevices);
    for (int i = 0; i < load; i++) {
      devices.add(loadPrefix + i);
    }
    for (int i = 0; i < devices.size(); i++) {
      String phone = String.format(Locale.ROOT, "+1555%d%06d", scenario, i);
      long customer = first.addCustomer(token, "Customer " + devices.get(i), phone);
      first.addDevice(token, devices.get(i), customer);
    }
    say.accept("registered " + devices.size() + " devices, each with a customer and a phone");
  }

  /** Writes {@code count} more OPENED events for the extra devices, as the job's sink would. */
  void burst(int count) throws SQLException {
    Instant now = Instant.now();
    Instant episodeStart = now.minus(Duration.ofMinutes(2));
    List<CaseEvent> events = new ArrayList<>();
    for (int i = loadWritten; i < loadWritten + count; i++) {
      String device = loadPrefix + i;
      events.add(
          new CaseEvent(
              CaseEvent.idFor(device, LOAD_RULE, 1, CaseEvent.Type.OPENED, episodeStart),
              CaseEvent.Type.OPENED,
              device,
              LOAD_RULE,
              1,
              Severity.WARNING,
              now,
              episodeStart,
              Map.of(FaultFleet.METRIC, 91.5),
              FaultFleet.METRIC + " has been above 85 for 2 minutes"));
    }
    loadWritten += count;
    new CaseEventWriter(run.schemaUrl(), run.jdbcUser(), run.jdbcPassword())
        .write(events, 1000, (i, nanos) -> {});
  }

  /** Waits until the provider has accepted at least {@code accepted} messages. */
  void awaitAccepted(long accepted, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (twilio.sends().accepted() < accepted && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
  }

  /**
   * Scenario 6: kills the dispatching instance with {@code kill -9}, starts it again after {@code
   * down}, then a second instance beside it, and gives the two a second burst to share.
   */
  String killRestartAndDouble(int load, Duration down) throws Exception {
    burstUntilDispatching(load);
    String killed = kill();
    say.accept(killed + "; down for " + down.toSeconds() + " s");
    Thread.sleep(down.toMillis());
    restart();
    OutreachProcess second = instance("b");
    second.start(START);
    say.accept("second outreach instance beside it as process " + second.pid());
    burst(load / 2);
    return killed.replaceFirst(" \\(kill -9, pid \\d+\\)", "")
        + "; 2 instances for "
        + load / 2
        + " more";
  }

  /** Writes {@code load} more cases and waits until the provider has taken a quarter of them. */
  void burstUntilDispatching(int load) throws Exception {
    burst(load);
    awaitAccepted(twilio.sends().accepted() + load / 4, Duration.ofSeconds(60));
  }

  /** Kills the first instance with {@code kill -9}; says what it left behind. */
  String kill() throws Exception {
    OutreachProcess first = instances.get(0);
    long acceptedBefore = twilio.sends().accepted();
    long pid = first.pid();
    first.kill();
    return String.format(
        Locale.ROOT,
        "outreach killed (kill -9, pid %d) after %d messages accepted with %d claimed (in doubt),"
            + " %d pending",
        pid,
        acceptedBefore,
        countSms("o.status = 'SENDING'"),
        countSms("o.status = 'PENDING'"));
  }

  /** Starts the killed instance again; the fault ends with its launch. */
  void restart() throws Exception {
    OutreachProcess first = instances.get(0);
    faultEnd = System.nanoTime();
    first.start(START);
    say.accept(
        String.format(
            Locale.ROOT,
            "outreach restarted as process %d in %.1f s",
            first.pid(),
            (System.nanoTime() - faultEnd) / 1e9));
  }

  /**
   * Scenario 5: the provider answers 500, then 429, then hangs past the service's read timeout,
   * each for {@code phase}, then accepts again; a burst is being sent when it starts.
   */
  String providerFaults(int load, Duration phase) throws Exception {
    burst(load);
    awaitAccepted(load / 5, Duration.ofSeconds(60));
    for (TwilioStandIn.Mode mode :
        List.of(
            TwilioStandIn.Mode.ERROR_500,
            TwilioStandIn.Mode.THROTTLE_429,
            TwilioStandIn.Mode.HANG)) {
      twilio.mode(mode);
      say.accept("the provider now answers " + mode + " for " + phase.toSeconds() + " s");
      if (mode == TwilioStandIn.Mode.HANG) {
        // Fresh messages, due at once: the earlier ones are backing off or held by the breaker.
        burst(load / 2);
      }
      Thread.sleep(phase.toMillis());
    }
    twilio.mode(TwilioStandIn.Mode.ACCEPT);
    faultEnd = System.nanoTime();
    say.accept("the provider accepts again");
    return String.format(Locale.ROOT, "500, 429, hang %d s each", phase.toSeconds());
  }

  /**
   * Seconds from the fault's end (the killed instance started again, the provider accepting again)
   * to the first message the provider accepted after it; -1 when none came within {@code patience}.
   */
  double recoverySeconds(Duration patience) throws InterruptedException {
    return recoverySeconds(faultEnd, patience);
  }

  /** Seconds from {@code from} ({@link System#nanoTime}) to the first SMS accepted after it. */
  double recoverySeconds(long from, Duration patience) throws InterruptedException {
    long deadline = from + patience.toNanos();
    while (true) {
      OptionalLong first = twilio.sends().firstAcceptedAfter(from);
      if (first.isPresent() && first.getAsLong() - from <= patience.toNanos()) {
        return (first.getAsLong() - from) / 1e9;
      }
      if (System.nanoTime() > deadline) {
        return -1;
      }
      Thread.sleep(100);
    }
  }

  /**
   * Waits until every OPENED event of the scenario's devices has been taken in and no SMS row is
   * pending or being sent, or until the deadline.
   */
  void awaitSettled(long deadlineNanos) throws Exception {
    while (System.nanoTime() < deadlineNanos) {
      long unsettled =
          count(
                  "SELECT count(*) FROM case_events WHERE processed_at IS NULL"
                      + " AND (starts_with(device_id, ?) OR starts_with(device_id, ?))",
                  prefixes.get(0),
                  prefixes.get(1))
              + countSms("o.status IN ('PENDING', 'SENDING')");
      if (unsettled == 0) {
        return;
      }
      Thread.sleep(1000);
    }
  }

  /**
   * Counts, per OPENED event of the scenario's devices, whether the provider accepted an SMS for
   * its case: lost when it did not (a row cancelled because its case cleared before sending is not
   * lost, by design); and the messages accepted more than once for one outbox row.
   */
  Sends count() throws SQLException, IOException {
    Set<String> accepted = twilio.sends().refs();
    Map<String, List<String[]>> rowsByEvent = new HashMap<>();
    try (Connection db = connect();
        PreparedStatement query =
            db.prepareStatement(
                "SELECT e.event_id, o.idempotency_key, o.status FROM case_events e"
                    + " LEFT JOIN outbox o ON o.case_id = e.case_id AND o.channel = 'sms'"
                    + " WHERE e.type = 'OPENED'"
                    + " AND (starts_with(e.device_id, ?) OR starts_with(e.device_id, ?))")) {
      query.setString(1, prefixes.get(0));
      query.setString(2, prefixes.get(1));
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          List<String[]> list =
              rowsByEvent.computeIfAbsent(rows.getString(1), e -> new ArrayList<>());
          if (rows.getString(2) != null) {
            list.add(new String[] {rows.getString(2), rows.getString(3)});
          }
        }
      }
    }
    long delivered = 0;
    long cancelled = 0;
    long lost = 0;
    for (List<String[]> rows : rowsByEvent.values()) {
      if (rows.stream().anyMatch(row -> accepted.contains(row[0]))) {
        delivered++;
      } else if (!rows.isEmpty() && rows.stream().allMatch(row -> row[1].equals("CANCELLED"))) {
        cancelled++;
      } else {
        lost++;
      }
    }
    ProviderSends sends = twilio.sends();
    long unconfirmed = countSms("o.status = 'UNCONFIRMED'");
    String note =
        String.format(
            Locale.ROOT,
            "sms: %d cases, %d accepted, %d lost, %d cancelled (case cleared first); %d requests,"
                + " %d refused, %d hung; %d in-doubt look-ups (%d found it sent), %d unconfirmed",
            rowsByEvent.size(),
            delivered,
            lost,
            cancelled,
            sends.requests(),
            sends.refusedRequests(),
            sends.hungRequests(),
            sends.lookups(),
            sends.lookupsFound(),
            unconfirmed);
    if (instances.size() > 1) {
      List<String> perInstance = new ArrayList<>();
      for (OutreachProcess instance : instances) {
        perInstance.add(instance.name() + " " + instance.loggedSends());
      }
      note += "; sent per instance: " + String.join(", ", perInstance);
    }
    return new Sends(sends.duplicated(), lost, note);
  }

  private OutreachProcess instance(String name) throws Exception {
    OutreachProcess instance = new OutreachProcess(run.ledger(), dir, name, setup);
    instances.add(instance);
    return instance;
  }

  /** SMS rows of the scenario's cases that meet {@code condition} (on {@code o}, the outbox). */
  private long countSms(String condition) throws SQLException {
    return count(
        "SELECT count(*) FROM outbox o JOIN cases c ON c.id = o.case_id WHERE o.channel = 'sms'"
            + " AND (starts_with(c.device_id, ?) OR starts_with(c.device_id, ?)) AND "
            + condition,
        prefixes.get(0),
        prefixes.get(1));
  }

  private long count(String sql, String... params) throws SQLException {
    try (Connection db = connect();
        PreparedStatement query = db.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        query.setString(i + 1, params[i]);
      }
      try (ResultSet row = query.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private Connection connect() throws SQLException {
    return DriverManager.getConnection(run.schemaUrl(), run.jdbcUser(), run.jdbcPassword());
  }

  @Override
  public void close() throws InterruptedException {
    for (OutreachProcess instance : instances) {
      instance.close();
    }
    twilio.close();
  }
}
