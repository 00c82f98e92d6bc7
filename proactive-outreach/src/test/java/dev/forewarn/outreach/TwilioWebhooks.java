package dev.forewarn.outreach;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Calls the service's Twilio webhooks as Twilio does: a form POST signed with {@code
 * X-Twilio-Signature}, computed here independently of the SDK (HMAC-SHA1 with the auth token over
 * the public URL followed by every form parameter's name and value, sorted by name, Base64).
 */
public final class TwilioWebhooks {

  /** The public base URL the service is configured with; signatures are computed over it. */
  public static final String PUBLIC_URL = "https://care.forewarn.test";

  private final HttpClient http = HttpClient.newHttpClient();
  private final String localBase;

  public TwilioWebhooks(int port) {
    this.localBase = "http://127.0.0.1:" + port;
  }

  /** POSTs a signed request to a path (with its query); returns status and body. */
  public HttpResponse<String> post(String pathAndQuery, Map<String, String> form) {
    return post(
        pathAndQuery, form, sign(PUBLIC_URL + pathAndQuery, form, TwilioStandIn.AUTH_TOKEN));
  }

  /** POSTs with whatever signature the caller gives (null: none). */
  public HttpResponse<String> post(
      String pathAndQuery, Map<String, String> form, String signature) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(localBase + pathAndQuery))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (signature != null) {
      request.header("X-Twilio-Signature", signature);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("POST " + pathAndQuery + " failed", e);
    }
  }

  /** A status callback for the message the stand-in accepted, to the URL the service gave. */
  public HttpResponse<String> status(String statusCallbackUrl, String sid, String status) {
    String pathAndQuery = statusCallbackUrl.substring(PUBLIC_URL.length());
    return post(
        pathAndQuery,
        Map.of(
            "MessageSid", sid,
            "SmsSid", sid,
            "MessageStatus", status,
            "AccountSid", TwilioStandIn.ACCOUNT_SID,
            "From", TwilioStandIn.FROM));
  }

  /** An inbound SMS from a customer. */
  public HttpResponse<String> inbound(String sid, String from, String body) {
    return post(
        "/webhooks/twilio/inbound",
        Map.of(
            "MessageSid", sid,
            "From", from,
            "To", TwilioStandIn.FROM,
            "Body", body,
            "AccountSid", TwilioStandIn.ACCOUNT_SID));
  }

  public static String sign(String url, Map<String, String> form, String authToken) {
    StringBuilder data = new StringBuilder(url);
    new TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      return Base64.getEncoder()
          .encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
