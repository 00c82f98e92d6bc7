package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.web.NotFoundException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/cases}: cases, newest first, each with its notifications; agents' actions. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

  private final CaseQueries cases;
  private final CaseActions actions;

  CaseController(CaseQueries cases, CaseActions actions) {
    this.cases = cases;
    this.actions = actions;
  }

  @GetMapping
  List<CaseView> newest(
      @RequestParam(defaultValue = "50")
          @Min(value = 1, message = "must be at least 1")
          @Max(value = 1000, message = "must be at most 1000")
          int limit) {
    return cases.newest(limit);
  }

  @GetMapping("/{id}")
  CaseView one(@PathVariable long id) {
    return cases.find(id).orElseThrow(() -> notFound(id));
  }

  /** An agent resolved the case: tasks are done, the customer gets a satisfaction survey. */
  @PostMapping("/{id}/resolve")
  CaseView resolve(@PathVariable long id) {
    cases.find(id).orElseThrow(() -> notFound(id));
    actions.resolve(id, "by an agent");
    return cases.find(id).orElseThrow();
  }

  /** An agent records that the customer acknowledged the case (e.g. on the phone). */
  @PostMapping("/{id}/acknowledge")
  CaseView acknowledge(@PathVariable long id) {
    cases.find(id).orElseThrow(() -> notFound(id));
    actions.acknowledge(id, "through an agent");
    return cases.find(id).orElseThrow();
  }

  private static NotFoundException notFound(long id) {
    return new NotFoundException("no case with id " + id);
  }
}
