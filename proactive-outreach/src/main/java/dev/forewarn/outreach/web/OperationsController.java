package dev.forewarn.outreach.web;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/stats} and {@code /api/dead-letters}. */
@RestController
@RequestMapping("/api")
class OperationsController {

  private final OperationsQueries queries;

  OperationsController(OperationsQueries queries) {
    this.queries = queries;
  }

  @GetMapping("/stats")
  Stats stats() {
    return queries.stats();
  }

  /** How many telemetry messages were refused, and the newest of them. */
  @GetMapping("/dead-letters")
  DeadLetters deadLetters(
      @RequestParam(defaultValue = "20")
          @Min(value = 1, message = "must be at least 1")
          @Max(value = 1000, message = "must be at most 1000")
          int limit) {
    return new DeadLetters(queries.deadLetterCount(), queries.newestDeadLetters(limit));
  }

  /** The total count and the newest rows. */
  record DeadLetters(long total, List<DeadLetter> items) {}
}
