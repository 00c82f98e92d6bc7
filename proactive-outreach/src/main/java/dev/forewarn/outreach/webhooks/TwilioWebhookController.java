package dev.forewarn.outreach.webhooks;

import dev.forewarn.outreach.outbox.DeliveryReports;
import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * {@code POST /webhooks/twilio/status} (message status callbacks) and {@code POST
 * /webhooks/twilio/inbound} (incoming SMS). A request without a valid Twilio signature gets 403 and
 * changes nothing; an incoming SMS whose body is longer than {@value #MAX_SMS_BODY} characters gets
 * 400 and is not stored.
 */
@RestController
class TwilioWebhookController {

  private static final Logger log = LoggerFactory.getLogger(TwilioWebhookController.class);

  /**
   * The longest body Twilio delivers: a longer one is split into several SMS before it reaches a
   * webhook, so a signed request with more is not an SMS and is refused before anything is stored.
   */
  static final int MAX_SMS_BODY = 1600;

  private static final String EMPTY_TWIML =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

  private final TwilioSignature signature;
  private final DeliveryReports reports;
  private final InboundReplies replies;

  TwilioWebhookController(
      TwilioSignature signature, DeliveryReports reports, InboundReplies replies) {
    this.signature = signature;
    this.reports = reports;
    this.replies = replies;
  }

  @PostMapping(
      path = "/webhooks/twilio/status",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
  ResponseEntity<String> status(
      HttpServletRequest request, @RequestParam MultiValueMap<String, String> params) {
    Map<String, String> form = formOnly(request, params);
    if (!signature.valid(request, form)) {
      return refused(request);
    }
    String sid = form.get("MessageSid");
    String state = form.get("MessageStatus");
    if (sid == null || state == null || !DeliveryReports.known(state)) {
      return ResponseEntity.badRequest().body("MessageSid and a known MessageStatus are required");
    }
    String error = form.get("ErrorCode");
    String detail = error == null || error.isBlank() ? "" : " (error " + error + ")";
    Optional<String> ref = Optional.ofNullable(params.getFirst("ref"));
    boolean moved = reports.report(ref, sid, state, detail).isPresent();
    log.info("status callback message_sid={} status={} applied={}", sid, state, moved);
    return ResponseEntity.ok("");
  }

  @PostMapping(
      path = "/webhooks/twilio/inbound",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.APPLICATION_XML_VALUE)
  ResponseEntity<String> inbound(
      HttpServletRequest request, @RequestParam MultiValueMap<String, String> params) {
    Map<String, String> form = formOnly(request, params);
    if (!signature.valid(request, form)) {
      return refused(request);
    }
    String sid = form.get("MessageSid");
    String from = form.get("From");
    if (sid == null || from == null) {
      return ResponseEntity.badRequest().body("MessageSid and From are required");
    }
    String body = form.getOrDefault("Body", "");
    if (body.codePointCount(0, body.length()) > MAX_SMS_BODY) {
      log.warn("inbound sms refused message_sid={}: body longer than {}", sid, MAX_SMS_BODY);
      return ResponseEntity.badRequest()
          .body("Body is longer than " + MAX_SMS_BODY + " characters, the most an SMS carries");
    }
    Optional<String> answer = replies.handle(sid, from, body);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_XML)
        .body(answer.map(TwilioWebhookController::twiml).orElse(EMPTY_TWIML));
  }

  private static String twiml(String message) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
        + HtmlUtils.htmlEscape(message, "UTF-8")
        + "</Message></Response>";
  }

  private static ResponseEntity<String> refused(HttpServletRequest request) {
    log.warn(
        "webhook refused path={}: missing or invalid Twilio signature", request.getRequestURI());
    return ResponseEntity.status(HttpStatus.FORBIDDEN).body("invalid Twilio signature");
  }

  /** The POSTed parameters, without those of the query string: only they are signed as params. */
  private static Map<String, String> formOnly(
      HttpServletRequest request, MultiValueMap<String, String> params) {
    Set<String> query =
        request.getQueryString() == null
            ? Set.of()
            : UriComponentsBuilder.fromUriString("?" + request.getQueryString())
                .build()
                .getQueryParams()
                .keySet();
    Map<String, String> form = new HashMap<>();
    params.forEach(
        (key, values) -> {
          if (!query.contains(key) && !values.isEmpty()) {
            form.put(key, values.get(0));
          }
        });
    return form;
  }
}
