package dev.forewarn.outreach.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.outreach.Actors;
import dev.forewarn.outreach.Browser;
import dev.forewarn.outreach.TestSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Managers and agents signing in with the form, as a browser does (session cookie, CSRF token in
 * every form), with the first manager taken from the environment: the user name from a variable,
 * the password from a file named by a variable.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import({TestSchema.DropOnClose.class, Actors.class})
@DirtiesContext
class StaffSignInIT {

  static final TestSchema SCHEMA = new TestSchema();
  static final String BOSS = "boss";
  static final String BOSS_PASSWORD = "correct horse battery staple";

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    SCHEMA.register(registry);
    registry.add("forewarn.admin.user", () -> BOSS);
    registry.add("forewarn.admin.password-file", StaffSignInIT::passwordFile);
  }

  static String passwordFile() {
    try {
      Path file = Files.createTempFile("forewarn-admin", ".txt");
      file.toFile().deleteOnExit();
      return Files.writeString(file, BOSS_PASSWORD + "\n").toString();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Autowired Actors actors;
  @Autowired JdbcTemplate jdbc;

  @Test
  void theFirstManagerComesFromTheEnvironmentWithOnlyABcryptHashStored() {
    Map<String, Object> row =
        jdbc.queryForMap("SELECT role, password_hash FROM staff_users WHERE username = ?", BOSS);

    assertThat(row.get("role")).isEqualTo("MANAGER");
    assertThat((String) row.get("password_hash"))
        .startsWith("{bcrypt}$2")
        .doesNotContain(BOSS_PASSWORD);
  }

  @Test
  void aManagerSignsInWithTheFormUsesConsoleAndApiAndSignsOut() {
    Browser browser = new Browser(actors.baseUrl());
    assertThat(browser.get("/").statusCode()).isEqualTo(302);

    HttpResponse<String> signedIn = signIn(browser, BOSS, BOSS_PASSWORD);

    assertThat(signedIn.statusCode()).isEqualTo(302);
    assertThat(signedIn.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    HttpResponse<String> console = browser.get("/");
    assertThat(console.statusCode()).isEqualTo(200);
    assertThat(console.body())
        .contains("<title>Forewarn console · Cases", "/console/rules", "_csrf");
    assertThat(browser.json("GET", "/api/cases", null, false).statusCode()).isEqualTo(200);

    HttpResponse<String> withoutCsrf =
        browser.json("POST", "/api/cases/987654/acknowledge", null, false);
    // Signing in renews the CSRF token; the sign-out page's form carries the current one.
    browser.get("/logout");
    HttpResponse<String> withCsrf =
        browser.json("POST", "/api/cases/987654/acknowledge", null, true);
    assertThat(withoutCsrf.statusCode()).isEqualTo(403);
    assertThat(withoutCsrf.body()).contains("CSRF");
    assertThat(withCsrf.statusCode()).isEqualTo(404);

    HttpResponse<String> out = browser.submit("/logout", Map.of());
    assertThat(out.statusCode()).isEqualTo(302);
    assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
    assertThat(browser.json("GET", "/api/cases", null, false).statusCode()).isEqualTo(401);
    assertThat(browser.get("/").statusCode()).isEqualTo(302);
  }

  @Test
  void aWrongPasswordOrASignInWithoutItsCsrfTokenIsRefused() {
    Browser wrong = new Browser(actors.baseUrl());
    HttpResponse<String> refused = signIn(wrong, BOSS, "not the password at all");
    assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    assertThat(wrong.json("GET", "/api/cases", null, false).statusCode()).isEqualTo(401);

    Browser forged = new Browser(actors.baseUrl());
    HttpResponse<String> noToken =
        forged.postForm("/login", Map.of("username", BOSS, "password", BOSS_PASSWORD));
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(forged.json("GET", "/api/cases", null, false).statusCode()).isEqualTo(401);
  }

  @Test
  void aManagerAddsAnAgentWhoReadsRulesButMayNotChangeThemAndCanBeDisabled() {
    ResponseEntity<String> shortPassword =
        actors
            .manager()
            .postForEntity(
                "/api/users",
                Map.of("username", "ann", "password", "short", "role", "AGENT"),
                String.class);
    ResponseEntity<String> added =
        actors
            .manager()
            .postForEntity(
                "/api/users",
                Map.of("username", "ann", "password", "a long agent password", "role", "AGENT"),
                String.class);
    assertThat(shortPassword.getStatusCode().value()).isEqualTo(400);
    assertThat(shortPassword.getBody()).contains("\"field\":\"password\"");
    assertThat(added.getStatusCode().value()).isEqualTo(201);
    assertThat(added.getBody()).doesNotContain("a long agent password", "bcrypt");

    Browser agent = new Browser(actors.baseUrl());
    signIn(agent, "ann", "a long agent password");
    agent.get("/logout");
    assertThat(agent.json("GET", "/api/rules", null, false).statusCode()).isEqualTo(200);
    HttpResponse<String> change = agent.json("POST", "/api/rules", "{}", true);
    assertThat(change.statusCode()).isEqualTo(403);
    assertThat(change.body()).contains("your role may not");

    actors.manager().delete("/api/users/ann");
    Browser later = new Browser(actors.baseUrl());
    HttpResponse<String> disabled = signIn(later, "ann", "a long agent password");
    assertThat(disabled.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
  }

  private static HttpResponse<String> signIn(Browser browser, String user, String password) {
    browser.get("/login");
    return browser.submit("/login", Map.of("username", user, "password", password));
  }
}
