package dev.forewarn.ingest.cases;

import static dev.forewarn.ingest.testing.Fixtures.T0;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_1M;
import static dev.forewarn.ingest.testing.Fixtures.T0_PLUS_3M;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.forewarn.ingest.parse.ClockPolicy;
import dev.forewarn.ingest.parse.ClockProblem;
import dev.forewarn.ingest.parse.DeadLetter;
import dev.forewarn.ingest.testing.ManualTime;
import dev.forewarn.ingest.testing.TestSchema;
import dev.forewarn.rules.document.Severity;
import dev.forewarn.rules.lifecycle.CaseEvent;
import dev.forewarn.rules.lifecycle.Decision;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.metrics.SimpleCounter;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/** The PostgreSQL sinks against the real database, in a schema made by outreach's migrations. */
class CaseEventSinkIT {

  @RegisterExtension static final MiniClusterExtension CLUSTER = new MiniClusterExtension();

  private static TestSchema schema;

  @BeforeAll
  static void migrate() {
    schema = TestSchema.migrated();
  }

  @AfterAll
  static void drop() {
    schema.close();
  }

  @Test
  void writesEachEventOnceAndAnnouncesItOnCaseEvents() throws Exception {
    String device = "dev-" + UUID.randomUUID();
    List<CaseEvent> events = List.of(opened(device), cleared(device));
    try (Connection listener = schema.jdbc().connect()) {
      listen(listener);

      write(events);
      List<String> firstNotifications = notifications(listener, 5_000);
      write(events); // a replay after a restart

      assertThat(firstNotifications).contains("case_events");
      assertThat(count("case_events WHERE device_id = '" + device + "'")).isEqualTo(2);
    }
    try (Connection connection = schema.jdbc().connect();
        Statement query = connection.createStatement();
        ResultSet row =
            query.executeQuery(
                "SELECT type, severity, occurred_at, episode_start, evidence->>'value',"
                    + " summary, processed_at FROM case_events WHERE event_id = '"
                    + events.get(0).eventId()
                    + "'")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getString(1)).isEqualTo("OPENED");
      assertThat(row.getString(2)).isEqualTo("WARNING");
      assertThat(row.getObject(3, OffsetDateTime.class).toInstant()).isEqualTo(T0_PLUS_3M);
      assertThat(row.getObject(4, OffsetDateTime.class).toInstant()).isEqualTo(T0_PLUS_1M);
      assertThat(row.getString(5)).isEqualTo("86.5");
      assertThat(row.getString(6)).isEqualTo("compressor_temp_c above 80.0 for 2m");
      assertThat(row.getObject(7)).isNull();
    }
  }

  @Test
  void keepsDeadLettersWithTheirReasonAndPayload() throws Exception {
    String topic = "devices/dev-" + UUID.randomUUID() + "/telemetry";
    DeadLetter garbage =
        DeadLetter.of(T0, topic, "$: not a JSON object", new byte[] {0x00, 'x', (byte) 0xC3});

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(List.of(garbage), TypeInformation.of(DeadLetter.class))
        .sinkTo(JdbcSink.deadLetters(schema.jdbc(), Duration.ofMillis(50)));
    env.execute("dead-letter-it");

    try (Connection connection = schema.jdbc().connect();
        Statement query = connection.createStatement();
        ResultSet row =
            query.executeQuery(
                "SELECT received_at, reason, payload FROM dead_letters WHERE topic = '"
                    + topic
                    + "'")) {
      assertThat(row.next()).isTrue();
      assertThat(row.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(T0);
      assertThat(row.getString(2)).isEqualTo("$: not a JSON object");
      assertThat(row.getString(3)).isEqualTo("\uFFFDx\uFFFD");
    }
  }

  @Test
  void keepsTheDeviceAndTheClockProblemOfAClockRefusalAndNullsOtherwise() throws Exception {
    String device = "dev-" + UUID.randomUUID();
    String topic = "devices/" + device + "/telemetry";
    DeadLetter ahead =
        DeadLetter.clock(
            T0,
            topic,
            device,
            new ClockPolicy.Refusal(ClockProblem.AHEAD, "ts: far ahead"),
            "{}".getBytes(StandardCharsets.UTF_8));
    DeadLetter other = DeadLetter.of(T0, topic, "$: not a JSON object", new byte[] {'x'});

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(List.of(ahead, other), TypeInformation.of(DeadLetter.class))
        .sinkTo(JdbcSink.deadLetters(schema.jdbc(), Duration.ofMillis(50)));
    env.execute("dead-letter-clock-it");

    try (Connection connection = schema.jdbc().connect();
        Statement query = connection.createStatement();
        ResultSet rows =
            query.executeQuery(
                "SELECT device_id, clock, reason FROM dead_letters WHERE topic = '"
                    + topic
                    + "' ORDER BY id")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo(device);
      assertThat(rows.getString(2)).isEqualTo("ahead");
      assertThat(rows.getString(3)).isEqualTo("ts: far ahead");
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isNull();
      assertThat(rows.getString(2)).isNull();
    }
  }

  @Test
  void storesTextThatQuotesNulCharactersWhichPostgresqlRefuses() throws Exception {
    String topic = "devices/dev-" + UUID.randomUUID() + "/telemetry";
    DeadLetter quoting =
        new DeadLetter(
            T0,
            topic,
            "ts: not an ISO-8601 instant with a zone (\"\u0000\")",
            "{\"ts\":\"\u0000\"}");
    String device = "dev-" + UUID.randomUUID();
    CaseEvent summarised =
        CaseEvent.of(
            device,
            new Decision(
                Decision.Kind.OPEN,
                "overheat",
                1,
                Severity.WARNING,
                T0_PLUS_3M,
                T0_PLUS_1M,
                Map.of("value\u0000", 86.5),
                "temp\u0000 above 80.0 \uD800"));

    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(List.of(quoting), TypeInformation.of(DeadLetter.class))
        .sinkTo(JdbcSink.deadLetters(schema.jdbc(), Duration.ofMillis(10)));
    env.fromData(List.of(summarised), TypeInformation.of(CaseEvent.class))
        .sinkTo(JdbcSink.caseEvents(schema.jdbc(), Duration.ofMillis(10)));
    env.execute("nul-it");

    try (Connection connection = schema.jdbc().connect();
        Statement query = connection.createStatement();
        ResultSet letter =
            query.executeQuery("SELECT reason FROM dead_letters WHERE topic = '" + topic + "'")) {
      assertThat(letter.next()).isTrue();
      assertThat(letter.getString(1))
          .isEqualTo("ts: not an ISO-8601 instant with a zone (\"\uFFFD\")");
    }
    try (Connection connection = schema.jdbc().connect();
        Statement query = connection.createStatement();
        ResultSet event =
            query.executeQuery(
                "SELECT summary, evidence::text FROM case_events WHERE device_id = '"
                    + device
                    + "'")) {
      assertThat(event.next()).isTrue();
      assertThat(event.getString(1)).isEqualTo("temp\uFFFD above 80.0 \uFFFD");
      assertThat(event.getString(2)).isEqualTo("{\"value\uFFFD\": 86.5}");
    }
  }

  @Test
  void replacesALostConnectionAndWritesTheBatchAgain() throws Exception {
    String application = "it-" + UUID.randomUUID().toString().substring(0, 8);
    String device = "dev-" + UUID.randomUUID();
    BatchingJdbcWriter<CaseEvent> writer = writer(application, 100);
    try {
      writer.write(opened(device), null);
      writer.flush(false);

      terminateConnectionsOf(application);
      writer.write(cleared(device), null);
      writer.flush(false);
    } finally {
      writer.close();
    }

    assertThat(count("case_events WHERE device_id = '" + device + "'")).isEqualTo(2);
  }

  @Test
  void failsRatherThanRetriesWhenRowsSinceTheLastCheckpointMayBeLost() throws Exception {
    String application = "it-" + UUID.randomUUID().toString().substring(0, 8);
    String device = "dev-" + UUID.randomUUID();
    // A batch of one: every write commits at once, without waiting for the disk.
    BatchingJdbcWriter<CaseEvent> writer = writer(application, 1);
    try {
      writer.write(opened(device), null);
      terminateConnectionsOf(application);

      // The job must restart from its checkpoint and replay, not carry on as if nothing happened.
      assertThatThrownBy(() -> writer.write(cleared(device), null))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("case_events");
    } finally {
      writer.close();
    }
  }

  @Test
  void closesWithoutWritingRowsTheReplayFromTheLastCheckpointBringsBack() throws Exception {
    String device = "dev-" + UUID.randomUUID();
    BatchingJdbcWriter<CaseEvent> writer = writer("it-close", 100);
    writer.write(opened(device), null);

    // A failing task closes its writer: nothing may be written or thrown then.
    writer.close();

    assertThat(count("case_events WHERE device_id = '" + device + "'")).isZero();
  }

  @Test
  void refusesToStartWhenTheSchemaIsMissingAndSaysWhatToDo() {
    try (TestSchema empty = TestSchema.empty()) {
      assertThatThrownBy(() -> Tables.requireAll(empty.jdbc(), "case_events"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("table case_events not found in jdbc:postgresql://")
          .hasMessageEndingWith(": start proactive-outreach once, it owns the schema");
      assertThatThrownBy(
              () ->
                  new BatchingJdbcWriter<>(
                      empty.jdbc(),
                      new DeadLetterRows(),
                      1,
                      Duration.ofSeconds(1),
                      new ManualTime(),
                      new SimpleCounter()))
          .hasMessageStartingWith("table dead_letters not found");
    }
  }

  private static CaseEvent opened(String device) {
    return CaseEvent.of(device, decision(Decision.Kind.OPEN, T0_PLUS_3M));
  }

  private static CaseEvent cleared(String device) {
    return CaseEvent.of(device, decision(Decision.Kind.CLEAR, T0_PLUS_3M.plusSeconds(120)));
  }

  private static Decision decision(Decision.Kind kind, Instant at) {
    return new Decision(
        kind,
        "overheat",
        1,
        Severity.WARNING,
        at,
        T0_PLUS_1M,
        Map.of("value", 86.5, "level", 80.0),
        "compressor_temp_c above 80.0 for 2m");
  }

  /** A case-event writer whose connections carry {@code application}, flushing only when asked. */
  private static BatchingJdbcWriter<CaseEvent> writer(String application, int maxBatch)
      throws IOException {
    JdbcSettings settings =
        new JdbcSettings(
            schema.jdbc().url() + "&ApplicationName=" + application,
            schema.jdbc().user(),
            schema.jdbc().password());
    return new BatchingJdbcWriter<>(
        settings,
        new CaseEventRows(),
        maxBatch,
        Duration.ofHours(1),
        new ManualTime(),
        new SimpleCounter());
  }

  private static void write(List<CaseEvent> events) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.setParallelism(1);
    env.fromData(events, TypeInformation.of(CaseEvent.class))
        .sinkTo(JdbcSink.caseEvents(schema.jdbc(), Duration.ofMillis(10)));
    env.execute("case-event-it");
  }

  private static void listen(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("LISTEN case_events");
    }
    connection.commit();
  }

  private static List<String> notifications(Connection connection, int timeoutMillis)
      throws SQLException {
    PGNotification[] received =
        connection.unwrap(PGConnection.class).getNotifications(timeoutMillis);
    List<String> channels = new ArrayList<>();
    if (received != null) {
      for (PGNotification notification : received) {
        channels.add(notification.getName());
      }
    }
    return channels;
  }

  private static int count(String tableAndCondition) throws SQLException {
    try (Connection connection = schema.jdbc().connect();
        Statement query = connection.createStatement();
        ResultSet result = query.executeQuery("SELECT count(*) FROM " + tableAndCondition)) {
      result.next();
      return result.getInt(1);
    }
  }

  private static void terminateConnectionsOf(String application) throws SQLException {
    try (Connection connection = schema.jdbc().connect();
        Statement statement = connection.createStatement();
        ResultSet terminated =
            statement.executeQuery(
                "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                    + " WHERE application_name = '"
                    + application
                    + "'")) {
      terminated.next();
      assertThat(terminated.getInt(1)).as("connections terminated").isEqualTo(1);
      connection.commit();
    }
  }
}
