package dev.forewarn.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.forewarn.outreach.Actors;
import dev.forewarn.outreach.OutreachClient;
import dev.forewarn.outreach.TestSchema;
import dev.forewarn.outreach.security.tokens.ApiTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** API tokens on the real PostgreSQL: made by a manager, shown once, kept hashed, revocable. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class ApiTokensIT {

  static final TestSchema SCHEMA = new TestSchema();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;
  @Autowired ApiTokens tokens;

  @Test
  void aManagersNewTokenIsShownOnceKeptOnlyAsItsHashAndCarriesItsRole() throws Exception {
    ResponseEntity<JsonNode> made =
        actors
            .manager()
            .postForEntity(
                "/api/tokens", Map.of("name", "crm-sync", "role", "AGENT"), JsonNode.class);

    assertThat(made.getStatusCode().value()).isEqualTo(201);
    String token = made.getBody().get("token").asText();
    long id = made.getBody().get("info").get("id").asLong();
    assertThat(token).startsWith("fw_").hasSize(46);
    String listed = actors.manager().getForObject("/api/tokens", String.class);
    assertThat(listed).contains("crm-sync", token.substring(0, 8)).doesNotContain(token);
    Map<String, Object> row = jdbc.queryForMap("SELECT * FROM api_tokens WHERE id = ?", id);
    assertThat(row.values().stream().map(String::valueOf)).noneMatch(v -> v.contains(token));
    assertThat((byte[]) row.get("token_hash"))
        .isEqualTo(
            MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    assertThat(row.get("created_by")).isEqualTo("token:test-manager");

    assertThat(
            actors.bearer(token).getForEntity("/api/cases", String.class).getStatusCode().value())
        .isEqualTo(200);
    assertThat(
            actors
                .bearer(token)
                .postForEntity("/api/tokens", Map.of("name", "x", "role", "MANAGER"), String.class)
                .getStatusCode()
                .value())
        .isEqualTo(403);
  }

  @Test
  void aRevokedTokenGets401AndRevokingAnUnknownTokenIs404() {
    ResponseEntity<JsonNode> made =
        actors
            .manager()
            .postForEntity(
                "/api/tokens", Map.of("name", "old-script", "role", "MANAGER"), JsonNode.class);
    String token = made.getBody().get("token").asText();
    long id = made.getBody().get("info").get("id").asLong();
    assertThat(
            actors.bearer(token).getForEntity("/api/stats", String.class).getStatusCode().value())
        .isEqualTo(200);

    ResponseEntity<String> revoked =
        actors.manager().exchange("/api/tokens/" + id, HttpMethod.DELETE, null, String.class);
    ResponseEntity<JsonNode> after =
        actors.bearer(token).getForEntity("/api/stats", JsonNode.class);
    ResponseEntity<String> unknown =
        actors.manager().exchange("/api/tokens/987654", HttpMethod.DELETE, null, String.class);

    assertThat(revoked.getStatusCode().value()).isEqualTo(204);
    assertThat(after.getStatusCode().value()).isEqualTo(401);
    assertThat(after.getBody().get("error").asText())
        .isEqualTo("unknown, expired or revoked API token");
    assertThat(after.getHeaders().getFirst("WWW-Authenticate")).contains("invalid_token");
    assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    JsonNode listed = actors.manager().getForObject("/api/tokens", JsonNode.class);
    assertThat(listed.findValuesAsText("revokedAt")).isNotEmpty();
  }

  @Test
  void anExpiredAForgedOrAMalformedTokenGets401() {
    String expired =
        tokens.issue("expired", Role.MANAGER, null, Instant.now().minusSeconds(1), "test").token();

    for (String token : List.of(expired, "fw_" + "A".repeat(43), "fw_short", "not-a-token")) {
      assertThat(
              actors.bearer(token).getForEntity("/api/stats", String.class).getStatusCode().value())
          .as(token)
          .isEqualTo(401);
    }
  }

  @Test
  void aCustomerTokenNeedsItsCustomerAndReachesOnlyTheirOwnThings() {
    long customer =
        new OutreachClient(actors.manager())
            .owner("Cleo", "+15550100077", null, "ac-token-cleo", "Den AC");

    ResponseEntity<JsonNode> without =
        actors
            .manager()
            .postForEntity(
                "/api/tokens", Map.of("name", "app", "role", "CUSTOMER"), JsonNode.class);
    ResponseEntity<JsonNode> staffWithCustomer =
        actors
            .manager()
            .postForEntity(
                "/api/tokens",
                Map.of("name", "app", "role", "AGENT", "customerId", customer),
                JsonNode.class);
    ResponseEntity<JsonNode> pastExpiry =
        actors
            .manager()
            .postForEntity(
                "/api/tokens",
                Map.of("name", "app", "role", "AGENT", "expiresAt", "2020-01-01T00:00:00Z"),
                JsonNode.class);
    ResponseEntity<JsonNode> made =
        actors
            .manager()
            .postForEntity(
                "/api/tokens",
                Map.of("name", "cleo-app", "role", "CUSTOMER", "customerId", customer),
                JsonNode.class);

    assertThat(without.getStatusCode().value()).isEqualTo(400);
    assertThat(without.getBody().get("field").asText()).isEqualTo("customerId");
    assertThat(staffWithCustomer.getBody().get("field").asText()).isEqualTo("customerId");
    assertThat(pastExpiry.getBody().get("field").asText()).isEqualTo("expiresAt");
    String token = made.getBody().get("token").asText();
    JsonNode me = actors.bearer(token).getForObject("/api/me", JsonNode.class);
    assertThat(me.get("id").asLong()).isEqualTo(customer);
    assertThat(me.get("name").asText()).isEqualTo("Cleo");
    assertThat(
            actors.bearer(token).getForEntity("/api/cases", String.class).getStatusCode().value())
        .isEqualTo(403);
  }
}
