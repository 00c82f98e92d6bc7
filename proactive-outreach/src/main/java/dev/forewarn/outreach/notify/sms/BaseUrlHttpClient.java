package dev.forewarn.outreach.notify.sms;

import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.time.Duration;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;

/**
 * The SDK's HTTP client, pointed at a configurable base URL instead of {@code
 * https://api.twilio.com}, and making exactly one HTTP call per request: retries belong to the
 * outbox, where they are backed off, counted and survive a restart, instead of hidden inside one
 * attempt (neither the SDK nor Apache HttpClient underneath repeats a request).
 */
final class BaseUrlHttpClient extends NetworkHttpClient {

  static final String TWILIO_API = "https://api.twilio.com";

  private final String baseUrl;

  BaseUrlHttpClient(String baseUrl) {
    this(baseUrl, Duration.ofSeconds(5), Duration.ofSeconds(10));
  }

  /**
   * @param connectTimeout longest wait for a pooled connection, and again for a new one to connect
   * @param readTimeout longest wait for the answer (and between two packets of it)
   */
  BaseUrlHttpClient(String baseUrl, Duration connectTimeout, Duration readTimeout) {
    super(singleAttemptClient(connectTimeout, readTimeout));
    this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
  }

  /**
   * Apache HttpClient would itself repeat a POST answered with 503 or 429, or cut off by an I/O
   * error, which hides attempts from the outbox and can send a message twice. The SDK's own
   * timeouts (10 s for a pooled connection, 30.5 s to connect, 30 s to read) let one call take over
   * a minute; these are explicit and shorter, so that a call ends well within the outbox lease.
   */
  private static HttpClientBuilder singleAttemptClient(
      Duration connectTimeout, Duration readTimeout) {
    Timeout connect = Timeout.ofMilliseconds(connectTimeout.toMillis());
    Timeout read = Timeout.ofMilliseconds(readTimeout.toMillis());
    PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager();
    connections.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(read).build());
    connections.setDefaultConnectionConfig(
        ConnectionConfig.custom().setConnectTimeout(connect).setSocketTimeout(read).build());
    connections.setDefaultMaxPerRoute(10);
    connections.setMaxTotal(20);
    return HttpClientBuilder.create()
        .useSystemProperties()
        .setConnectionManager(connections)
        .setDefaultRequestConfig(
            RequestConfig.custom()
                .setConnectionRequestTimeout(connect)
                .setResponseTimeout(read)
                .build())
        .disableAutomaticRetries();
  }

  @Override
  public Response reliableRequest(Request request) {
    return makeRequest(request);
  }

  @Override
  public Response reliableRequest(
      Request request, int[] retryCodes, int retries, long delayMillis) {
    return makeRequest(request);
  }

  @Override
  public Response makeRequest(Request request) {
    return super.makeRequest(rebased(request));
  }

  /** The same request addressed to the base URL; requests elsewhere are left alone. */
  Request rebased(Request original) {
    String url = original.getUrl();
    if (baseUrl.equals(TWILIO_API) || !url.startsWith(TWILIO_API + "/")) {
      return original;
    }
    Request copy = new Request(original.getMethod(), baseUrl + url.substring(TWILIO_API.length()));
    if (original.getAuthStrategy() != null) {
      copy.setAuth(original.getAuthStrategy());
    } else if (original.getUsername() != null) {
      copy.setAuth(original.getUsername(), original.getPassword());
    }
    original.getQueryParams().forEach((k, values) -> values.forEach(v -> copy.addQueryParam(k, v)));
    original.getPostParams().forEach((k, values) -> values.forEach(v -> copy.addPostParam(k, v)));
    original
        .getHeaderParams()
        .forEach((k, values) -> values.forEach(v -> copy.addHeaderParam(k, v)));
    copy.setContentType(original.getContentType());
    copy.setBody(original.getBody());
    copy.setFormParameters(original.getFormParameters());
    if (original.getUserAgentExtensions() != null) {
      copy.setUserAgentExtensions(original.getUserAgentExtensions());
    }
    return copy;
  }
}
