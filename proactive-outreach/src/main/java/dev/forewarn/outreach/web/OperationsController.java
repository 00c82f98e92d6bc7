package dev.forewarn.outreach.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/stats} and {@code /api/dead-letters}. */
@RestController
@RequestMapping("/api")
@Tag(name = "operations", description = "Totals and the telemetry the job refused")
class OperationsController {

  private final OperationsQueries queries;

  OperationsController(OperationsQueries queries) {
    this.queries = queries;
  }

  @Operation(summary = "Totals for a quick look at the service")
  @GetMapping("/stats")
  Stats stats() {
    return queries.stats();
  }

  @Operation(
      summary = "Refused telemetry messages, with reason and raw payload",
      description =
          "total counts the rows the filters match; newest first unless sorted otherwise.")
  @GetMapping("/dead-letters")
  DeadLetters deadLetters(
      @Parameter(description = "text the reason contains (any case)")
          @RequestParam(required = false)
          String reason,
      @Parameter(description = "the kind of reason: the field at fault (ts, seq, metrics, $), late")
          @RequestParam(required = false)
          String kind,
      @Parameter(description = "the device of the topic devices/{deviceId}/telemetry")
          @RequestParam(required = false)
          String deviceId,
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
      @Parameter(description = "receivedAt or id; then ,asc or ,desc")
          @RequestParam(required = false)
          String sort) {
    Paging paging =
        Paging.of(
            page,
            size != null ? size : limit == null ? 20 : limit,
            sort,
            OperationsQueries.DEAD_LETTER_SORTS,
            "receivedAt,desc");
    Page<DeadLetter> found = queries.deadLetters(reason, kind, deviceId, from, to, paging);
    return new DeadLetters(found.total(), found.page(), found.size(), found.items());
  }

  @Operation(summary = "How many dead letters there are of each kind of reason")
  @GetMapping("/dead-letters/kinds")
  Map<String, Long> deadLetterKinds() {
    return queries.deadLetterKinds();
  }

  /** The rows the filters match: how many in all, and one page of them. */
  record DeadLetters(long total, int page, int size, List<DeadLetter> items) {}
}
