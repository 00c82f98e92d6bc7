package dev.forewarn.outreach.backtests;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.security.Principal;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/backtests}: a rule tried on stored history, as a resource that is polled. */
@RestController
@RequestMapping("/api/backtests")
@Tag(name = "backtests", description = "A saved or draft rule replayed over stored history")
class BacktestController {

  private final BacktestService backtests;

  BacktestController(BacktestService backtests) {
    this.backtests = backtests;
  }

  @Operation(
      summary = "Start a backtest",
      description =
          "202 with the backtest RUNNING and its Location; poll it until DONE (with the result) or"
              + " FAILED. 400 names the field (a draft rule's fields as rule.<path>); 503 when no"
              + " telemetry history is configured or too many backtests wait.")
  @PostMapping
  ResponseEntity<BacktestView> start(@RequestBody BacktestRequest request, Principal caller) {
    BacktestView started = backtests.start(request, caller == null ? null : caller.getName());
    return ResponseEntity.accepted()
        .location(URI.create("/api/backtests/" + started.id()))
        .body(started);
  }

  @Operation(summary = "A backtest: its progress, and its result once DONE")
  @GetMapping("/{id}")
  BacktestView one(@PathVariable long id) {
    return backtests.find(id);
  }

  @Operation(summary = "The newest backtests, without their results")
  @GetMapping
  List<BacktestView> newest(
      @RequestParam(defaultValue = "20")
          @Min(value = 1, message = "must be at least 1")
          @Max(value = 200, message = "must be at most 200")
          int limit) {
    return backtests.newest(limit);
  }
}
