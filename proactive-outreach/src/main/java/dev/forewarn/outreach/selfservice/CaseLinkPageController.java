package dev.forewarn.outreach.selfservice;

import dev.forewarn.outreach.security.Principals;
import dev.forewarn.outreach.security.links.CaseLinks;
import dev.forewarn.outreach.web.ConflictException;
import java.net.URI;
import java.util.function.BiConsumer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /c/{token}}: the page a message's link opens, for its one case and nothing else. The token
 * is checked on every request (signature, expiry, the case's link generation); a refused link gets
 * a page that says why in one sentence (404 not valid, 410 expired or withdrawn). Actions answer
 * with a redirect back to the page (POST, then GET).
 */
@RestController
class CaseLinkPageController {

  private static final String VIA = "on the self-service page";

  private final CaseLinks links;
  private final CustomerCases cases;

  CaseLinkPageController(CaseLinks links, CustomerCases cases) {
    this.links = links;
    this.cases = cases;
  }

  @GetMapping(path = "/c/{token}", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> page(@PathVariable String token, CsrfToken csrf) {
    CaseLinks.Check check = links.check(token);
    if (check.link().isEmpty()) {
      return refused(check.refusal().orElseThrow());
    }
    Principals.CaseLink link = check.link().get();
    return cases
        .find(link, link.caseId())
        .map(c -> ResponseEntity.ok(SelfServicePage.html(token, c, csrf)))
        .orElseGet(() -> refused(CaseLinks.Refusal.INVALID));
  }

  @PostMapping("/c/{token}/acknowledge")
  ResponseEntity<String> acknowledge(@PathVariable String token) {
    return act(token, (link, id) -> cases.acknowledge(link, id, VIA));
  }

  @PostMapping("/c/{token}/book")
  ResponseEntity<String> book(@PathVariable String token) {
    return act(token, (link, id) -> cases.book(link, id, VIA));
  }

  @PostMapping("/c/{token}/snooze")
  ResponseEntity<String> snooze(@PathVariable String token) {
    return act(token, (link, id) -> cases.snooze(link, id, VIA));
  }

  @PostMapping("/c/{token}/feedback")
  ResponseEntity<String> feedback(@PathVariable String token, @RequestParam int score) {
    if (score < 1 || score > 5) {
      return ResponseEntity.badRequest()
          .contentType(MediaType.TEXT_PLAIN)
          .body("score: must be 1 to 5");
    }
    return act(token, (link, id) -> cases.rate(link, id, score, VIA));
  }

  private ResponseEntity<String> act(String token, BiConsumer<Principals.CaseLink, Long> action) {
    CaseLinks.Check check = links.check(token);
    if (check.link().isEmpty()) {
      return refused(check.refusal().orElseThrow());
    }
    Principals.CaseLink link = check.link().get();
    try {
      action.accept(link, link.caseId());
    } catch (ConflictException alreadyDone) {
      // The page shows the case as it is now; nothing else to say.
    }
    return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/c/" + token)).build();
  }

  private static ResponseEntity<String> refused(CaseLinks.Refusal refusal) {
    HttpStatus status =
        refusal == CaseLinks.Refusal.INVALID ? HttpStatus.NOT_FOUND : HttpStatus.GONE;
    return ResponseEntity.status(status)
        .contentType(MediaType.TEXT_HTML)
        .body(SelfServicePage.refused(refusal.words()));
  }
}
