package dev.forewarn.outreach.deliveries;

import dev.forewarn.outreach.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/deliveries}: every message through the outbox, per channel, with its outcome. */
@RestController
@RequestMapping("/api/deliveries")
@Tag(name = "deliveries", description = "The delivery log: messages per channel and outcome")
class DeliveryController {

  private final DeliveryQueries deliveries;

  DeliveryController(DeliveryQueries deliveries) {
    this.deliveries = deliveries;
  }

  @Operation(
      summary = "Messages, filtered by channel, outcome, case, customer and time queued",
      description = "X-Total-Count holds how many match, Link the next and previous pages.")
  @GetMapping
  ResponseEntity<List<Delivery>> list(
      @Parameter(description = "sms, email or app") @RequestParam(required = false) String channel,
      @Parameter(description = "delivered, undelivered, sent, failed, cancelled or pending")
          @RequestParam(required = false)
          String outcome,
      @RequestParam(required = false) Long caseId,
      @RequestParam(required = false) Long customerId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      @RequestParam(required = false) Integer page,
      @RequestParam(required = false) Integer size,
      @Parameter(description = "id, createdAt, sentAt or channel; then ,asc or ,desc")
          @RequestParam(required = false)
          String sort,
      HttpServletRequest request) {
    Paging paging = Paging.of(page, size, sort, DeliveryQueries.SORTS, "id,desc");
    return Paging.response(
        deliveries.list(channel, outcome, caseId, customerId, from, to, paging), request);
  }

  @Operation(summary = "How many messages each channel has of each outcome")
  @GetMapping("/summary")
  Map<String, Map<String, Long>> summary(
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to) {
    return deliveries.outcomesPerChannel(channel, from, to);
  }
}
