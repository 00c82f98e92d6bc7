package dev.forewarn.demo;

import static dev.forewarn.demo.TestServices.JDBC_PASSWORD;
import static dev.forewarn.demo.TestServices.JDBC_USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.forewarn.simulator.RunStats;
import dev.forewarn.simulator.Simulator;
import dev.forewarn.simulator.SimulatorConfig;
import dev.forewarn.simulator.fleet.DeviceProfile;
import dev.forewarn.simulator.fleet.GroundTruth;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The whole flow on the real services: the simulator publishes to Mosquitto, the job (embedded mini
 * cluster) stores readings in InfluxDB and writes case events to PostgreSQL, the outreach service
 * opens the case and sends an SMS through the Twilio SDK to a local stand-in; email (SMTP to
 * GreenMail) is the fallback channel and stays unused while the SMS is accepted. The captured log
 * holds no owner's full phone number or email address.
 */
@ExtendWith(OutputCaptureExtension.class)
class EndToEndIT {

  @RegisterExtension
  static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private final PipelineRun pipeline = new PipelineRun("e2e");
  private final String run = pipeline.name;
  private final TwilioStandIn twilio = pipeline.twilio;

  @Test
  void degradingDeviceReachesItsOwnerBySmsWhileHealthyDevicesStayQuiet(CapturedOutput log)
      throws Exception {
    OutreachApi api = startOutreach();
    // 4 devices; the degrading one fails 25 s into the 40 s run, so the case opens with the run
    // still going.
    Simulator simulator =
        new Simulator(
            SimulatorConfig.parse(pipeline.simulatorArgs(4, 40, Duration.ofMinutes(25)), Map.of()));
    List<String> deviceIds = simulator.fleet().stream().map(DeviceProfile::deviceId).toList();
    Map<String, String> phones = registerOwners(api, deviceIds);
    api.addRule(Fleet.ruleJson(run + "-overheat", deviceIds));
    pipeline.closeLater(() -> api.removeRule(run + "-overheat"));
    pipeline.startJob();

    simulator.start();
    RunStats published = simulator.awaitCompletion();
    GroundTruth truth = simulator.groundTruth();
    assertThat(truth.failing()).hasSize(1);
    String failing = truth.failing().get(0).deviceId();

    await("every reading in InfluxDB")
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(storedReadings().values().stream().mapToLong(Long::longValue).sum())
                    .as("%s", published)
                    .isEqualTo(published.published()));
    assertThat(storedReadings()).containsOnlyKeys(deviceIds);
    await("the SMS")
        .atMost(Duration.ofSeconds(30))
        .until(() -> twilio.messageRequests().size() >= 1);
    Thread.sleep(2_000); // anything that should not happen has had time to

    assertThat(casesByDevice()).containsOnlyKeys(failing).containsEntry(failing, 1);
    List<LoggedRequest> sms = twilio.messageRequests();
    assertThat(sms).hasSize(1);
    Map<String, String> form = form(sms.get(0).getBodyAsString());
    assertThat(form)
        .containsEntry("To", phones.get(failing))
        .containsEntry("From", TwilioStandIn.FROM);
    assertThat(form.get("Body")).contains("compressor").contains(nickname(failing));
    // Email is the owner's fallback channel: Twilio accepted the SMS, so no email goes out.
    assertThat(SMTP.getReceivedMessages()).isEmpty();
    assertThat(notificationStatuses()).containsOnly("SENT").hasSize(1);
    // The log told of the SMS, with the number masked; no owner's number or address is in it.
    assertThat(log.getAll()).contains("channel=sms to=+15*****");
    for (String deviceId : deviceIds) {
      assertThat(log.getAll()).doesNotContain(phones.get(deviceId), email(deviceId));
    }
  }

  private OutreachApi startOutreach() {
    return PipelineRun.api(
        pipeline.startOutreach(
            "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + SMTP.getSmtp().getPort()));
  }

  private Map<String, String> registerOwners(OutreachApi api, List<String> deviceIds)
      throws Exception {
    Map<String, String> phones = new HashMap<>();
    for (int n = 0; n < deviceIds.size(); n++) {
      String deviceId = deviceIds.get(n);
      String phone = String.format("+1555020%04d", n + 1);
      long customer = api.addCustomer("Owner of " + deviceId, phone, email(deviceId));
      api.addDevice(deviceId, customer, nickname(deviceId), Fleet.MODEL);
      phones.put(deviceId, phone);
    }
    return phones;
  }

  private static String email(String deviceId) {
    return "owner-" + deviceId + "@example.com";
  }

  private static String nickname(String deviceId) {
    return "AC " + deviceId.substring(deviceId.lastIndexOf('-') + 1);
  }

  private Map<String, Integer> casesByDevice() throws Exception {
    Map<String, Integer> cases = new HashMap<>();
    try (Connection db = DriverManager.getConnection(pipeline.jdbcUrl, JDBC_USER, JDBC_PASSWORD);
        Statement statement = db.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT device_id, count(*) FROM cases GROUP BY device_id")) {
      while (rows.next()) {
        cases.put(rows.getString(1), rows.getInt(2));
      }
    }
    return cases;
  }

  private List<String> notificationStatuses() throws Exception {
    List<String> statuses = new ArrayList<>();
    try (Connection db = DriverManager.getConnection(pipeline.jdbcUrl, JDBC_USER, JDBC_PASSWORD);
        Statement statement = db.createStatement();
        ResultSet rows = statement.executeQuery("SELECT status FROM outbox")) {
      while (rows.next()) {
        statuses.add(rows.getString(1));
      }
    }
    return statuses;
  }

  /** Readings per device in InfluxDB, by InfluxQL. */
  private Map<String, Long> storedReadings() throws Exception {
    Map<String, Long> counts = new HashMap<>();
    JsonNode series =
        influx(
                "SELECT count(seq) FROM telemetry WHERE device_id =~ /^"
                    + run
                    + "-/ GROUP BY device_id")
            .path("results")
            .path(0)
            .path("series");
    for (JsonNode one : series) {
      counts.put(
          one.path("tags").path("device_id").asText(), one.path("values").path(0).path(1).asLong());
    }
    return counts;
  }

  private JsonNode influx(String query) throws Exception {
    return pipeline.influx(query);
  }

  private static Map<String, String> form(String body) {
    Map<String, String> form = new HashMap<>();
    for (String pair : body.split("&")) {
      int eq = pair.indexOf('=');
      form.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return form;
  }

  @AfterEach
  void tearDown() throws Exception {
    pipeline.close();
  }
}
