package dev.forewarn.outreach;

import dev.forewarn.outreach.security.Role;
import dev.forewarn.outreach.security.links.CaseLinks;
import dev.forewarn.outreach.security.tokens.ApiTokens;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;

/**
 * The callers an integration test acts as, each with a real credential made by the service itself:
 * a manager's, an agent's or a customer's API token, a case link, or nobody. Import it into a
 * {@code @SpringBootTest(webEnvironment = RANDOM_PORT)} with {@code @Import(Actors.class)}; each
 * method gives a {@link TestRestTemplate} rooted at the running service.
 */
public class Actors {

  private final ApiTokens tokens;
  private final CaseLinks links;
  private final Environment environment;
  private final RestTemplateBuilder builder;
  private final Map<Role, TestRestTemplate> staff = new EnumMap<>(Role.class);

  /**
   * @param builder the service's own builder, so that requests are written with its JSON settings
   */
  Actors(ApiTokens tokens, CaseLinks links, Environment environment, RestTemplateBuilder builder) {
    this.tokens = tokens;
    this.links = links;
    this.environment = environment;
    this.builder = builder;
  }

  /** A manager's API token: everything. */
  public TestRestTemplate manager() {
    return staff(Role.MANAGER);
  }

  /** An agent's API token. */
  public TestRestTemplate agent() {
    return staff(Role.AGENT);
  }

  /** A customer's API token: their own things under {@code /api/me}. */
  public TestRestTemplate customer(long customerId) {
    return bearer(customerToken(customerId));
  }

  /** The holder of a case's link, as a bearer token: that case under {@code /api/me/cases}. */
  public TestRestTemplate caseLink(long caseId) {
    return bearer(links.token(caseId, Instant.now().plusSeconds(3600)));
  }

  /** No credentials at all. */
  public TestRestTemplate anonymous() {
    return new TestRestTemplate(builder.rootUri(baseUrl()));
  }

  /** Any bearer token, e.g. a revoked or a forged one. */
  public TestRestTemplate bearer(String token) {
    return new TestRestTemplate(
        builder.rootUri(baseUrl()).defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token));
  }

  /** A fresh API token for a staff role. */
  public String staffToken(Role role) {
    return tokens.issue("test-" + role.name().toLowerCase(), role, null, null, "test").token();
  }

  public String customerToken(long customerId) {
    return tokens.issue("test-customer", Role.CUSTOMER, customerId, null, "test").token();
  }

  /** A case link token that expires at the given time (in the past for an expired one). */
  public String linkToken(long caseId, Instant expiresAt) {
    return links.token(caseId, expiresAt);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + environment.getRequiredProperty("local.server.port");
  }

  private synchronized TestRestTemplate staff(Role role) {
    return staff.computeIfAbsent(role, r -> bearer(staffToken(r)));
  }
}
