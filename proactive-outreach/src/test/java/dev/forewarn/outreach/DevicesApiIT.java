package dev.forewarn.outreach;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Devices through the API on the real PostgreSQL and the real InfluxDB: a change names only what it
 * changes, a device shows its newest stored reading, its health and its open cases, and its
 * telemetry comes back downsampled by the database for any range.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class DevicesApiIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final InfluxFixture INFLUX = new InfluxFixture();
  static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    registry.add("forewarn.influx.url", () -> InfluxFixture.URL);
    registry.add("forewarn.influx.database", INFLUX::database);
    registry.add("forewarn.admin.user", () -> "devices-boss");
    registry.add("forewarn.admin.password", () -> "a long enough password");
  }

  @AfterAll
  static void dropHistory() {
    INFLUX.close();
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;
  TestRestTemplate http;
  OutreachClient api;

  @BeforeEach
  void actAsManager() {
    http = actors.manager();
    api = new OutreachClient(http);
  }

  private final String device = "ac-" + UUID.randomUUID().toString().substring(0, 8);

  @Test
  void movingADeviceToAnotherOwnerKeepsWhatTheRequestLeftOut() {
    long jane = api.post("/api/customers", Map.of("name", "Jane"), 201).get("id").asLong();
    long joe = api.post("/api/customers", Map.of("name", "Joe"), 201).get("id").asLong();
    long kim = api.post("/api/customers", Map.of("name", "Kim"), 201).get("id").asLong();
    api.post(
        "/api/devices",
        Map.of(
            "deviceId", device,
            "customerId", jane,
            "nickname", "Hall AC",
            "model", "AC-200",
            "secondaryCustomerId", kim),
        201);

    JsonNode moved = api.post("/api/devices", Map.of("deviceId", device, "customerId", joe), 200);

    assertThat(moved.get("customerId").asLong()).isEqualTo(joe);
    assertThat(moved.get("model").asText()).isEqualTo("AC-200");
    assertThat(moved.get("nickname").asText()).isEqualTo("Hall AC");
    assertThat(moved.get("secondaryCustomerId").asLong()).isEqualTo(kim);
    JsonNode read = api.get("/api/devices/" + device);
    for (String field : List.of("customerId", "model", "nickname", "secondaryCustomerId")) {
      assertThat(read.get(field)).as(field).isEqualTo(moved.get(field));
    }
  }

  @Test
  void aDeviceWhoseReadingsWereRefusedForItsClockShowsItAndTheStatsCountIt() {
    long jane = api.post("/api/customers", Map.of("name", "Jane"), 201).get("id").asLong();
    String fine = device + "-fine";
    api.post("/api/devices", Map.of("deviceId", device, "customerId", jane), 201);
    api.post("/api/devices", Map.of("deviceId", fine, "customerId", jane), 201);
    long before = api.get("/api/stats").get("devices_with_clock_problems").asLong();
    OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MILLIS);
    clockRefusal(device, now.minusDays(10), "before_earliest"); // long ago: not counted
    clockRefusal(device, now.minusHours(2), "ahead");
    clockRefusal(device, now.minusMinutes(5), "went_back");
    jdbc.update(
        "INSERT INTO dead_letters (received_at, topic, reason, payload, device_id)"
            + " VALUES (?, ?, ?, ?, ?)",
        now,
        "devices/" + fine + "/telemetry",
        "seq: required",
        "{}",
        fine);

    JsonNode clock = api.get("/api/devices/" + device).get("clock");
    assertThat(clock.get("problem").asText()).isEqualTo("went_back");
    assertThat(Instant.parse(clock.get("lastSeen").asText()))
        .isEqualTo(now.minusMinutes(5).toInstant());
    assertThat(clock.get("refused").asLong()).isEqualTo(2);
    assertThat(api.get("/api/devices/" + fine).get("clock").isNull()).isTrue();
    JsonNode listed = api.get("/api/devices?customerId=" + jane + "&sort=deviceId");
    assertThat(listed.get(0).get("clock").get("refused").asLong()).isEqualTo(2);
    assertThat(api.get("/api/stats").get("devices_with_clock_problems").asLong())
        .isEqualTo(before + 1);
    JsonNode letters = api.get("/api/dead-letters?deviceId=" + device).get("items");
    assertThat(letters).hasSize(3);
    assertThat(letters.get(0).get("clock").asText()).isEqualTo("went_back");
    assertThat(letters.get(0).get("deviceId").asText()).isEqualTo(device);
    Browser console = new Browser(actors.baseUrl());
    console.get("/login");
    console.submit(
        "/login", Map.of("username", "devices-boss", "password", "a long enough password"));
    assertThat(console.get("/console/devices/" + device).body())
        .contains("Its clock is wrong (<span>went_back</span>)")
        .contains("<span>2</span> readings refused");
    assertThat(console.get("/console/devices/" + fine).body()).doesNotContain("clock is wrong");
    assertThat(console.get("/console/devices").body())
        .contains("clock wrong (went_back): 2 refused");
  }

  private void clockRefusal(String deviceId, OffsetDateTime at, String problem) {
    jdbc.update(
        "INSERT INTO dead_letters (received_at, topic, reason, payload, device_id, clock)"
            + " VALUES (?, ?, ?, ?, ?, ?)",
        at,
        "devices/" + deviceId + "/telemetry",
        "ts: wrong (" + problem + ")",
        "{}",
        deviceId,
        problem);
  }

  @Test
  void noSecondaryContactIsNullInEveryAnswerNeverZero() {
    long jane = api.post("/api/customers", Map.of("name", "Jane"), 201).get("id").asLong();
    long joe = api.post("/api/customers", Map.of("name", "Joe"), 201).get("id").asLong();

    JsonNode registered =
        api.post("/api/devices", Map.of("deviceId", device, "customerId", jane), 201);
    JsonNode moved = api.post("/api/devices", Map.of("deviceId", device, "customerId", joe), 200);

    for (JsonNode answer : List.of(registered, moved, api.get("/api/devices/" + device))) {
      assertThat(answer.has("secondaryCustomerId")).as("%s", answer).isTrue();
      assertThat(answer.get("secondaryCustomerId").isNull()).as("%s", answer).isTrue();
    }
  }

  @Test
  void aPatchChangesOrClearsOnlyTheFieldsItNames() {
    long jane = api.post("/api/customers", Map.of("name", "Jane"), 201).get("id").asLong();
    long kim = api.post("/api/customers", Map.of("name", "Kim"), 201).get("id").asLong();
    api.post(
        "/api/devices",
        Map.of("deviceId", device, "customerId", jane, "nickname", "Hall AC", "model", "AC-200"),
        201);
    Map<String, Object> patch = new HashMap<>();
    patch.put("nickname", null);
    patch.put("secondaryCustomerId", kim);

    ResponseEntity<JsonNode> changed = patch(device, patch);

    assertThat(changed.getStatusCode().value()).isEqualTo(200);
    assertThat(changed.getBody().get("nickname").isNull()).isTrue();
    assertThat(changed.getBody().get("model").asText()).isEqualTo("AC-200");
    assertThat(changed.getBody().get("secondaryCustomerId").asLong()).isEqualTo(kim);
    assertThat(changed.getBody().get("customerId").asLong()).isEqualTo(jane);

    Map<String, Object> noOwner = new HashMap<>();
    noOwner.put("customerId", null);
    assertThat(patch(device, noOwner).getBody().get("field").asText()).isEqualTo("customerId");
    assertThat(patch(device, Map.of("colour", "red")).getBody().get("field").asText())
        .isEqualTo("colour");
    assertThat(patch(device, Map.of("secondaryCustomerId", jane)).getBody().get("field").asText())
        .isEqualTo("secondaryCustomerId");
    assertThat(patch(device, Map.of("customerId", 987654321)).getBody().get("field").asText())
        .isEqualTo("customerId");
    assertThat(patch("no-such-device", Map.of("model", "X")).getStatusCode().value())
        .isEqualTo(404);
    assertThat(api.get("/api/devices/" + device).get("model").asText()).isEqualTo("AC-200");
  }

  @Test
  void aDeviceShowsTheFormatItsNewestReadingCameInAndItsUnits() {
    api.owner("Ines", "+821055500177", null, device, "Hall AC");
    INFLUX
        .line(
            "telemetry,device_id="
                + device
                + ",format=senml compressor_temp_c=23.1,unit:compressor_temp_c=\"Cel\" "
                + T0.toEpochMilli())
        .write();

    JsonNode latest = api.get("/api/devices/" + device).get("latest");

    assertThat(latest.get("format").asText()).isEqualTo("senml");
    assertThat(latest.get("units").get("compressor_temp_c").asText()).isEqualTo("Cel");
    assertThat(latest.get("seq").asLong()).isEqualTo(-1);
    assertThat(latest.get("metrics").get("compressor_temp_c").asDouble()).isEqualTo(23.1);
  }

  @Test
  void aDeviceShowsItsNewestReadingHealthAndOpenCases() {
    long owner = api.owner("Mina", "+821055500101", null, device, "Study AC");
    String quiet = device + "-quiet";
    api.device(quiet, owner, "Spare AC");
    INFLUX
        .reading(device, T0, 1, Map.of("compressor_temp_c", 70.0))
        .reading(device, T0.plusSeconds(60), 2, Map.of("compressor_temp_c", 71.5))
        .write();
    new CaseEvents(jdbc)
        .insert(CaseEvents.opened(device, 1, dev.forewarn.rules.document.Severity.CRITICAL));
    api.awaitCase(device, c -> true);

    JsonNode one = api.get("/api/devices/" + device);
    ResponseEntity<JsonNode> list =
        http.getForEntity("/api/devices?customerId=" + owner + "&sort=deviceId", JsonNode.class);
    ResponseEntity<JsonNode> critical =
        http.getForEntity("/api/devices?customerId=" + owner + "&health=CRITICAL", JsonNode.class);

    assertThat(one.get("health").asText()).isEqualTo("CRITICAL");
    assertThat(one.get("latest").get("at").asText()).isEqualTo(T0.plusSeconds(60).toString());
    assertThat(one.get("latest").get("seq").asLong()).isEqualTo(2);
    assertThat(one.get("latest").get("format").asText()).isEqualTo("json");
    assertThat(one.get("latest").get("units").isEmpty()).isTrue();
    assertThat(one.get("latest").get("metrics").get("compressor_temp_c").asDouble())
        .isEqualTo(71.5);
    assertThat(one.get("openCases")).hasSize(1);
    assertThat(one.get("openCases").get(0).get("ruleId").asText()).isEqualTo(CaseEvents.RULE);
    assertThat(list.getHeaders().getFirst("X-Total-Count")).isEqualTo("2");
    assertThat(list.getBody())
        .extracting(d -> d.get("deviceId").asText())
        .containsExactly(device, quiet);
    JsonNode spare = list.getBody().get(1);
    assertThat(spare.get("health").asText()).isEqualTo("OK");
    assertThat(spare.get("latest").isNull()).isTrue();
    assertThat(critical.getBody())
        .extracting(d -> d.get("deviceId").asText())
        .containsExactly(device);
    assertThat(
            http.getForEntity("/api/devices?health=BAD", JsonNode.class)
                .getBody()
                .get("field")
                .asText())
        .isEqualTo("health");
    assertThat(
            http.getForEntity("/api/devices/no-such-device", JsonNode.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }

  @Test
  void telemetryOfAnyRangeIsDownsampledByTheDatabase() {
    long owner = api.post("/api/customers", Map.of("name", "Hana"), 201).get("id").asLong();
    api.device(device, owner, "Kitchen AC");
    // Two days of a reading a minute: 2880 readings.
    for (int minute = 0; minute < 2 * 24 * 60; minute++) {
      INFLUX.reading(
          device,
          T0.plus(Duration.ofMinutes(minute)),
          minute,
          Map.of("compressor_temp_c", (double) (minute % 60), "fan_rpm", 1000.0));
    }
    INFLUX.write();
    String base = "/api/devices/" + device + "/telemetry?metric=compressor_temp_c";

    JsonNode day =
        api.get(base + "&from=" + T0 + "&to=" + T0.plus(Duration.ofDays(1)) + "&maxPoints=24");
    JsonNode hour =
        api.get(base + "&from=" + T0 + "&to=" + T0.plus(Duration.ofHours(1)) + "&maxPoints=60");
    JsonNode everything =
        api.get(
            "/api/devices/"
                + device
                + "/telemetry?from="
                + T0
                + "&to="
                + T0.plus(Duration.ofDays(2)));

    assertThat(day.get("interval").asText()).isEqualTo("PT1H");
    JsonNode buckets = day.get("metrics").get("compressor_temp_c");
    assertThat(buckets).hasSize(24);
    assertThat(buckets.get(0).get("count").asLong()).isEqualTo(60);
    assertThat(buckets.get(0).get("mean").asDouble()).isEqualTo(29.5);
    assertThat(buckets.get(0).get("min").asDouble()).isEqualTo(0.0);
    assertThat(buckets.get(0).get("max").asDouble()).isEqualTo(59.0);
    assertThat(hour.get("interval").asText()).isEqualTo("PT1M");
    assertThat(hour.get("metrics").get("compressor_temp_c")).hasSize(60);
    assertThat(everything.get("metrics").has("fan_rpm")).isTrue();
    assertThat(everything.get("metrics").get("fan_rpm").size()).isLessThanOrEqualTo(500);

    assertThat(refusal(base + "&from=" + T0 + "&to=" + T0)).isEqualTo("to");
    assertThat(refusal(base)).isEqualTo("from");
    assertThat(refusal(base + "&from=" + T0 + "&maxPoints=0")).isEqualTo("maxPoints");
    assertThat(
            refusal(base + "&from=" + T0 + "&to=" + T0.plus(Duration.ofDays(2)) + "&interval=PT1S"))
        .isEqualTo("interval");
    assertThat(refusal(base + "&from=yesterday")).isEqualTo("from");
    assertThat(
            http.getForEntity("/api/devices/no-such-device/telemetry?from=" + T0, JsonNode.class)
                .getStatusCode()
                .value())
        .isEqualTo(404);
  }

  private String refusal(String path) {
    ResponseEntity<JsonNode> answer = http.getForEntity(path, JsonNode.class);
    assertThat(answer.getStatusCode().value()).as("%s: %s", path, answer.getBody()).isEqualTo(400);
    return answer.getBody().get("field").asText();
  }

  private ResponseEntity<JsonNode> patch(String id, Map<String, Object> body) {
    HttpHeaders headers = new HttpHeaders();
    headers.setContentType(MediaType.valueOf("application/merge-patch+json"));
    return http.exchange(
        "/api/devices/" + id, HttpMethod.PATCH, new HttpEntity<>(body, headers), JsonNode.class);
  }
}
