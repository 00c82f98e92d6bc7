package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.web.NotFoundException;
import dev.forewarn.outreach.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/cases}: cases, newest first, each with its notifications; agents' actions. */
@RestController
@RequestMapping("/api/cases")
@Tag(name = "cases", description = "Cases, their notifications and agents' actions")
class CaseController {

  private final CaseQueries cases;
  private final CaseActions actions;

  CaseController(CaseQueries cases, CaseActions actions) {
    this.cases = cases;
    this.actions = actions;
  }

  @Operation(
      summary = "Cases, filtered, paged and sorted",
      description =
          "Newest first unless sorted otherwise. The body is the page's cases; X-Total-Count"
              + " holds how many match and Link the next and previous pages. from and to bound the"
              + " event time the case opened at.")
  @GetMapping
  ResponseEntity<List<CaseView>> list(
      @Parameter(description = "OPEN, CLEARED or RESOLVED") @RequestParam(required = false)
          String status,
      @Parameter(description = "INFO, WARNING or CRITICAL") @RequestParam(required = false)
          String severity,
      @RequestParam(required = false) String ruleId,
      @RequestParam(required = false) String deviceId,
      @RequestParam(required = false) Long customerId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @Parameter(description = "the page size, as size (kept for earlier clients)")
          @RequestParam(required = false)
          @Min(value = 1, message = "must be at least 1")
          @Max(value = 1000, message = "must be at most 1000")
          Integer limit,
      @Parameter(
              description =
                  "id, openedAt, severity, status, deviceId or ruleId; then ,asc or ,desc")
          @RequestParam(required = false)
          String sort,
      HttpServletRequest request) {
    CaseFilter filter = new CaseFilter(status, severity, ruleId, deviceId, customerId, from, to);
    Paging paging =
        Paging.of(page, size != null ? size : limit, sort, CaseQueries.SORTS, "id,desc");
    return Paging.response(cases.search(filter, paging), request);
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
