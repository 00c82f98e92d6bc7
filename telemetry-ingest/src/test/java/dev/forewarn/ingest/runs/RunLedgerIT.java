package dev.forewarn.ingest.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.ingest.mqtt.MqttSessions;
import dev.forewarn.ingest.mqtt.RetainedTopics;
import dev.forewarn.ingest.testing.Mqtt;
import dev.forewarn.ingest.testing.Services;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A ledger's leftovers on the real Mosquitto, InfluxDB and PostgreSQL: each is really there before
 * the ledger is closed, and really gone after.
 */
class RunLedgerIT {

  private static final Duration PATIENCE = Duration.ofSeconds(10);

  @TempDir Path ledgers;

  private final String run = UUID.randomUUID().toString().substring(0, 8).toLowerCase(Locale.ROOT);

  @Test
  void closingEndsTheSessionClearsTheRetainedRulesAndDropsTheDatabaseAndSchema() throws Exception {
    String session = "ledger-it-" + run + "-0";
    String rules = "forewarn/ledger-it/" + run + "/rules/";
    String database = "forewarn_ledger_it_" + run;
    String schema = "ledger_it_" + run;
    Credentials credentials =
        Credentials.jdbc(Services.jdbcUrl(), Services.jdbcUser(), Services.jdbcPassword());
    RunLedger ledger = RunLedger.create(ledgers, "it-" + run, credentials);

    ledger.record(new Leftover.MqttSession(Services.mqttUrl(), session));
    persistentSubscriber(session, "ledger-it/" + run + "/telemetry");
    ledger.record(new Leftover.MqttRetained(Services.mqttUrl(), rules + "+"));
    try (Mqtt mqtt = new Mqtt()) {
      mqtt.retain(rules + "r1", "{\"id\": \"r1\"}");
      mqtt.retain(rules + "r2", "{\"id\": \"r2\"}");
      mqtt.publish("ledger-it/" + run + "/telemetry", "queued for the session");
    }
    ledger.record(new Leftover.InfluxDatabase(Services.influxUrl(), database));
    influx("CREATE DATABASE " + database);
    ledger.record(new Leftover.PostgresSchema(Services.jdbcUrl(), Services.jdbcUser(), schema));
    sql("CREATE SCHEMA " + schema);

    assertThat(RetainedTopics.list(Services.mqttUrl(), rules + "+", PATIENCE))
        .containsExactlyInAnyOrder(rules + "r1", rules + "r2");
    assertThat(influx("SHOW DATABASES")).contains("\"" + database + "\"");
    assertThat(schemaExists(schema)).isTrue();

    ledger.close();

    assertThat(sessionPresent(session)).as("the broker kept the session").isFalse();
    assertThat(RetainedTopics.list(Services.mqttUrl(), rules + "+", PATIENCE)).isEmpty();
    assertThat(influx("SHOW DATABASES")).doesNotContain("\"" + database + "\"");
    assertThat(schemaExists(schema)).isFalse();
    assertThat(ledgers).isEmptyDirectory();
  }

  /** Leaves a persistent session with a subscription behind, as a killed job's reader does. */
  private static void persistentSubscriber(String clientId, String topic) throws Exception {
    try (MqttClient client =
        new MqttClient(Services.mqttUrl(), clientId, new MemoryPersistence())) {
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(false);
      client.connect(options);
      client.subscribe(topic, 1);
      client.disconnect();
    }
  }

  /** Whether the broker still holds a session for the id; ends the session this check opens. */
  private static boolean sessionPresent(String clientId) throws Exception {
    boolean present;
    try (MqttClient client =
        new MqttClient(Services.mqttUrl(), clientId, new MemoryPersistence())) {
      MqttConnectOptions options = new MqttConnectOptions();
      options.setCleanSession(false);
      present = client.connectWithResult(options).getSessionPresent();
      client.disconnect();
    }
    MqttSessions.end(Services.mqttUrl(), clientId);
    return present;
  }

  private static String influx(String query) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            Services.influxUrl()
                                + "/query?q="
                                + URLEncoder.encode(query, StandardCharsets.UTF_8)))
                    .POST(HttpRequest.BodyPublishers.noBody())
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  private static void sql(String statement) throws Exception {
    try (Connection db =
            DriverManager.getConnection(
                Services.jdbcUrl(), Services.jdbcUser(), Services.jdbcPassword());
        Statement s = db.createStatement()) {
      s.execute(statement);
    }
  }

  private static boolean schemaExists(String schema) throws Exception {
    try (Connection db =
            DriverManager.getConnection(
                Services.jdbcUrl(), Services.jdbcUser(), Services.jdbcPassword());
        Statement s = db.createStatement();
        ResultSet rows =
            s.executeQuery(
                "SELECT 1 FROM information_schema.schemata WHERE schema_name = '" + schema + "'")) {
      return rows.next();
    }
  }
}
