package dev.forewarn.outreach.selfservice;

import dev.forewarn.outreach.cases.CaseActions;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /c/{token}}: the self-service page of a case. The token is the case's random public token,
 * so the page shows nothing to someone without the link. Actions answer with a redirect back to the
 * page (POST, then GET).
 */
@RestController
class SelfServiceController {

  private final JdbcClient jdbc;
  private final CaseActions actions;

  SelfServiceController(JdbcClient jdbc, CaseActions actions) {
    this.jdbc = jdbc;
    this.actions = actions;
  }

  @GetMapping(path = "/c/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(@PathVariable String token) {
    return find(token)
        .map(c -> ResponseEntity.ok(SelfServicePage.html(token, c)))
        .orElseGet(SelfServiceController::notFound);
  }

  @PostMapping("/c/{token}/acknowledge")
  ResponseEntity<String> acknowledge(@PathVariable String token) {
    return act(token, c -> actions.acknowledge(c.id(), "on the self-service page"));
  }

  @PostMapping("/c/{token}/book")
  ResponseEntity<String> book(@PathVariable String token) {
    return act(token, c -> actions.book(c.id(), "on the self-service page"));
  }

  @PostMapping("/c/{token}/feedback")
  ResponseEntity<String> feedback(@PathVariable String token, @RequestParam int score) {
    if (score < 1 || score > 5) {
      return ResponseEntity.badRequest()
          .contentType(MediaType.TEXT_PLAIN)
          .body("score: must be 1 to 5");
    }
    return act(token, c -> actions.score(c.id(), score, "on the self-service page"));
  }

  private ResponseEntity<String> act(String token, java.util.function.Consumer<PageCase> action) {
    Optional<PageCase> found = find(token);
    if (found.isEmpty()) {
      return notFound();
    }
    action.accept(found.get());
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/c/" + token)).build();
  }

  private Optional<PageCase> find(String token) {
    UUID id;
    try {
      id = UUID.fromString(token);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return jdbc.sql(
            "SELECT c.id, c.status, c.severity, c.summary, c.eta, c.acknowledged_at IS NOT NULL"
                + " AS acknowledged, c.satisfaction, COALESCE(d.nickname, d.model, c.device_id)"
                + " AS device, EXISTS (SELECT 1 FROM agent_tasks t WHERE t.case_id = c.id"
                + " AND t.kind = 'BOOKING') AS booked"
                + " FROM cases c LEFT JOIN devices d ON d.device_id = c.device_id"
                + " WHERE c.public_token = :token")
        .param("token", id)
        .query(
            (rs, row) -> {
              OffsetDateTime eta = rs.getObject("eta", OffsetDateTime.class);
              int satisfaction = rs.getInt("satisfaction");
              return new PageCase(
                  rs.getLong("id"),
                  rs.getString("device"),
                  rs.getString("status"),
                  rs.getString("severity"),
                  rs.getString("summary"),
                  Optional.ofNullable(eta).map(OffsetDateTime::toInstant),
                  rs.getBoolean("acknowledged"),
                  rs.getBoolean("booked"),
                  rs.wasNull() ? null : satisfaction);
            })
        .optional();
  }

  private static ResponseEntity<String> notFound() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .contentType(MediaType.TEXT_HTML)
        .body(
            "<!DOCTYPE html><html><body><p>"
                + HtmlUtils.htmlEscape("This link is not valid (any more).")
                + "</p></body></html>");
  }
}
