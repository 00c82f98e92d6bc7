package dev.forewarn.outreach.notify.app;

import dev.forewarn.outreach.security.CustomerScope;
import dev.forewarn.outreach.web.ApiError;
import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.NotFoundException;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.OptionalLong;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A customer's in-app inbox: the list, the live stream and marking messages read. Staff reach any
 * customer's inbox under {@code /api/customers/{id}/inbox}; a signed-in customer reaches their own
 * under {@code /api/me/inbox}, where a message id of someone else's is not found.
 */
@RestController
class InboxController {

  private static final String STAFF = "/api/customers/{customerId}/inbox";
  private static final String MINE = "/api/me/inbox";

  private final InboxRepository inbox;
  private final InboxStreams streams;

  InboxController(InboxRepository inbox, InboxStreams streams) {
    this.inbox = inbox;
    this.streams = streams;
  }

  @GetMapping(STAFF)
  List<InboxMessage> newest(
      @PathVariable long customerId,
      @RequestParam(defaultValue = "50")
          @Min(value = 1, message = "must be at least 1")
          @Max(value = 1000, message = "must be at most 1000")
          int limit) {
    requireCustomer(customerId);
    return inbox.newest(customerId, limit);
  }

  @GetMapping(path = STAFF + "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter stream(
      @PathVariable long customerId,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    OptionalLong after = lastEventId(lastEventId);
    requireCustomer(customerId);
    return streams.open(customerId, after);
  }

  @PostMapping(STAFF + "/{messageId}/read")
  InboxMessage markRead(@PathVariable long customerId, @PathVariable long messageId) {
    requireCustomer(customerId);
    return inbox
        .markRead(customerId, messageId)
        .orElseThrow(
            () ->
                new NotFoundException(
                    "customer " + customerId + " has no inbox message " + messageId));
  }

  @GetMapping(MINE)
  List<InboxMessage> myNewest(
      @AuthenticationPrincipal CustomerScope me,
      @RequestParam(defaultValue = "50")
          @Min(value = 1, message = "must be at least 1")
          @Max(value = 1000, message = "must be at most 1000")
          int limit) {
    return newest(me.customerId(), limit);
  }

  @GetMapping(path = MINE + "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter myStream(
      @AuthenticationPrincipal CustomerScope me,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    return stream(me.customerId(), lastEventId);
  }

  @PostMapping(MINE + "/{messageId}/read")
  InboxMessage myMarkRead(@AuthenticationPrincipal CustomerScope me, @PathVariable long messageId) {
    return markRead(me.customerId(), messageId);
  }

  /**
   * The usual error bodies, with their content type fixed: a client of the stream asks for {@code
   * text/event-stream} only, which would leave no way to write the JSON error.
   */
  @ExceptionHandler(BadRequestException.class)
  ResponseEntity<ApiError> badRequest(BadRequestException e) {
    return error(HttpStatus.BAD_REQUEST, new ApiError(e.field(), e.getMessage()));
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ApiError> notFound(NotFoundException e) {
    return error(HttpStatus.NOT_FOUND, new ApiError(null, e.getMessage()));
  }

  private static ResponseEntity<ApiError> error(HttpStatus status, ApiError body) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON).body(body);
  }

  private void requireCustomer(long customerId) {
    if (!inbox.customerExists(customerId)) {
      throw new NotFoundException("no customer with id " + customerId);
    }
  }

  private static OptionalLong lastEventId(String header) {
    if (header == null || header.isBlank()) {
      return OptionalLong.empty();
    }
    try {
      long id = Long.parseLong(header.strip());
      if (id < 0) {
        throw new NumberFormatException();
      }
      return OptionalLong.of(id);
    } catch (NumberFormatException e) {
      throw new BadRequestException(
          "Last-Event-ID", "must be the id of an inbox message, was '" + header + "'");
    }
  }
}
