package dev.forewarn.outreach.cases;

import dev.forewarn.outreach.web.NotFoundException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/cases}: cases, newest first, each with its notifications. */
@RestController
@RequestMapping("/api/cases")
class CaseController {

  private final CaseQueries cases;

  CaseController(CaseQueries cases) {
    this.cases = cases;
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
    return cases.find(id).orElseThrow(() -> new NotFoundException("no case with id " + id));
  }
}
