package dev.forewarn.outreach.rules;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/rules}: rules, their versions, and which version is in force. */
@RestController
@RequestMapping("/api/rules")
@Tag(name = "rules", description = "Alert rules: versions, validation, activation")
class RuleController {

  /** The body of the writes: read as text here, parsed by the rules library. */
  private static final String DOCUMENT =
      "a rule document (rules/README.md); a version in it is replaced";

  private final RuleService rules;

  RuleController(RuleService rules) {
    this.rules = rules;
  }

  @Operation(
      summary = "Store a rule or its next version",
      description =
          "201 with the new version; 200 when the document equals the newest version. With"
              + " activate=false a new version is a draft and the version in force stays.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RuleView> save(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(type = "object", description = DOCUMENT)))
          @RequestBody(required = false)
          String body,
      @Parameter(description = "put the version in force (default true)")
          @RequestParam(defaultValue = "true")
          boolean activate) {
    return answer(rules.save(body, activate));
  }

  @Operation(summary = "Check a rule document without storing it; 400 names the field")
  @PostMapping(path = "/validate", consumes = MediaType.APPLICATION_JSON_VALUE)
  Map<String, Object> validate(
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(type = "object", description = DOCUMENT)))
          @RequestBody(required = false)
          String body) {
    return Map.of("valid", true, "rule", rules.validate(body));
  }

  @Operation(summary = "The newest version of each rule that is not deleted")
  @GetMapping
  List<RuleView> list() {
    return rules.list();
  }

  @Operation(summary = "A rule: its newest version")
  @GetMapping("/{id}")
  RuleView one(@PathVariable String id) {
    return rules.find(id);
  }

  @Operation(
      summary = "Change a rule",
      description =
          "The document becomes the rule's next version: in force when the rule has a version in"
              + " force, a draft otherwise. An identical document changes nothing (200).")
  @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<RuleView> update(
      @PathVariable String id,
      @io.swagger.v3.oas.annotations.parameters.RequestBody(
              content = @Content(schema = @Schema(type = "object", description = DOCUMENT)))
          @RequestBody(required = false)
          String body) {
    return answer(rules.update(id, body));
  }

  @Operation(summary = "Every version of a rule, newest first (also of a deleted rule)")
  @GetMapping("/{id}/versions")
  List<RuleView> versions(@PathVariable String id) {
    return rules.versions(id);
  }

  @Operation(summary = "One version of a rule, as a case that it raised refers to it")
  @GetMapping("/{id}/versions/{version}")
  RuleView version(@PathVariable String id, @PathVariable int version) {
    return rules.version(id, version);
  }

  @Operation(summary = "Put the rule's newest version in force and publish it to the job")
  @PostMapping("/{id}/activate")
  RuleView activate(@PathVariable String id) {
    return rules.activate(id);
  }

  @Operation(summary = "Take the rule out of force; the job drops it")
  @PostMapping("/{id}/deactivate")
  RuleView deactivate(@PathVariable String id) {
    return rules.deactivate(id);
  }

  @Operation(
      summary = "Delete a rule",
      description =
          "Out of force and out of the list; its versions stay readable for the cases they raised.")
  @DeleteMapping("/{id}")
  RuleView delete(@PathVariable String id) {
    return rules.delete(id);
  }

  private static ResponseEntity<RuleView> answer(RuleService.Saved saved) {
    return saved.created()
        ? ResponseEntity.created(
                URI.create(
                    "/api/rules/" + saved.rule().id() + "/versions/" + saved.rule().version()))
            .body(saved.rule())
        : ResponseEntity.ok(saved.rule());
  }
}
