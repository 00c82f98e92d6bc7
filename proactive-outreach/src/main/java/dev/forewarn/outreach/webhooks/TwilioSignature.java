package dev.forewarn.outreach.webhooks;

import com.twilio.security.RequestValidator;
import dev.forewarn.outreach.config.OutreachProperties;
import dev.forewarn.outreach.notify.sms.TwilioProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Checks the {@code X-Twilio-Signature} of a webhook with the SDK's {@link RequestValidator}: an
 * HMAC-SHA1, keyed with the auth token, over the URL Twilio called (the configured public URL +
 * path + query, never the Host header, which a proxy or an attacker sets) and the POSTed form
 * parameters. Without an auth token (SMS in the sandbox) no request is genuine.
 */
@Component
class TwilioSignature {

  static final String HEADER = "X-Twilio-Signature";

  private final Optional<RequestValidator> validator;
  private final String publicBase;

  TwilioSignature(TwilioProperties twilio, OutreachProperties outreach) {
    this.validator =
        twilio.configured()
            ? Optional.of(new RequestValidator(twilio.authToken()))
            : Optional.empty();
    this.publicBase = outreach.base();
  }

  boolean valid(HttpServletRequest request, Map<String, String> formParams) {
    String signature = request.getHeader(HEADER);
    if (validator.isEmpty() || signature == null || signature.isBlank()) {
      return false;
    }
    String query = request.getQueryString();
    String url = publicBase + request.getRequestURI() + (query == null ? "" : "?" + query);
    return validator.get().validate(url, formParams, signature);
  }
}
