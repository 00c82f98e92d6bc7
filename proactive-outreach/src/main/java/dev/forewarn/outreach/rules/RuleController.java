package dev.forewarn.outreach.rules;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/rules}: write, list and deactivate rules. */
@RestController
@RequestMapping("/api/rules")
class RuleController {

  private final RuleService rules;

  RuleController(RuleService rules) {
    this.rules = rules;
  }

  /** 201 with the new version, 200 when the document equals the active version. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RuleView> save(@RequestBody(required = false) String body) {
    RuleService.Saved saved = rules.save(body);
    RuleView view = RuleView.of(saved.rule(), rules.publishCurrent(saved.rule().id()));
    return saved.created()
        ? ResponseEntity.created(URI.create("/api/rules/" + saved.rule().id())).body(view)
        : ResponseEntity.ok(view);
  }

  /** The newest version of each rule. */
  @GetMapping
  List<RuleView> list() {
    return rules.list().stream().map(rule -> RuleView.of(rule, null)).toList();
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Map<String, Object>> deactivate(@PathVariable String id) {
    boolean published = rules.deactivate(id);
    return ResponseEntity.status(HttpStatus.OK)
        .body(Map.of("id", id, "active", false, "published", published));
  }
}
