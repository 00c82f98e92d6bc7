package dev.forewarn.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.outreach.Actors;
import dev.forewarn.outreach.TestSchema;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The actuator: health for anyone with nothing but its status, the Prometheus scrape for its own
 * token (kept apart from user tokens) or a manager, everything else for managers only.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Spring Boot's tests switch metrics export off unless asked; the scrape endpoint needs it.
@AutoConfigureObservability(tracing = false)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class ActuatorIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final String SCRAPE_TOKEN = "scrape-" + UUID.randomUUID();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    registry.add("forewarn.security.scrape-token", () -> SCRAPE_TOKEN);
  }

  @Autowired Actors actors;
  @Autowired ObjectMapper json;

  @Test
  void healthAnswersAnyoneWithItsStatusAndNothingElse() throws Exception {
    ResponseEntity<String> health =
        actors.anonymous().getForEntity("/actuator/health", String.class);

    assertThat(health.getStatusCode().value()).isEqualTo(200);
    JsonNode body = json.readTree(health.getBody());
    assertThat(body.get("status").asText()).isEqualTo("UP");
    assertThat(body.size()).isEqualTo(1);
    assertThat(health.getHeaders().get("Set-Cookie")).isNull();
    // A manager sees no more: details are off for everyone.
    assertThat(
            json.readTree(actors.manager().getForObject("/actuator/health", String.class)).size())
        .isEqualTo(1);
  }

  @Test
  void prometheusTakesItsOwnScrapeTokenOrAManager() {
    ResponseEntity<String> withToken =
        actors.bearer(SCRAPE_TOKEN).getForEntity("/actuator/prometheus", String.class);
    ResponseEntity<String> asManager =
        actors.manager().getForEntity("/actuator/prometheus", String.class);

    assertThat(withToken.getStatusCode().value()).isEqualTo(200);
    assertThat(withToken.getBody()).contains("# TYPE jvm_memory_used_bytes gauge");
    assertThat(asManager.getStatusCode().value()).isEqualTo(200);
    assertThat(status(actors.anonymous().getForEntity("/actuator/prometheus", String.class)))
        .isEqualTo(401);
    assertThat(
            status(
                actors
                    .bearer(SCRAPE_TOKEN + "x")
                    .getForEntity("/actuator/prometheus", String.class)))
        .isEqualTo(401);
    assertThat(status(actors.agent().getForEntity("/actuator/prometheus", String.class)))
        .isEqualTo(403);
  }

  @Test
  void everyOtherEndpointIsForManagersAndTheScrapeTokenOpensNothingElse() {
    assertThat(status(actors.anonymous().getForEntity("/actuator/info", String.class)))
        .isEqualTo(401);
    assertThat(status(actors.agent().getForEntity("/actuator/info", String.class))).isEqualTo(403);
    assertThat(status(actors.bearer(SCRAPE_TOKEN).getForEntity("/actuator/info", String.class)))
        .isEqualTo(403);
    assertThat(status(actors.bearer(SCRAPE_TOKEN).getForEntity("/api/stats", String.class)))
        .isEqualTo(401);
    assertThat(status(actors.manager().getForEntity("/actuator/info", String.class)))
        .isEqualTo(200);
    assertThat(status(actors.manager().getForEntity("/actuator", String.class))).isEqualTo(200);
  }

  private static int status(ResponseEntity<?> answer) {
    return answer.getStatusCode().value();
  }
}
