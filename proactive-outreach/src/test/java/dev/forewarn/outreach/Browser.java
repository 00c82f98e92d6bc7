package dev.forewarn.outreach;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser as far as sign-in goes: keeps cookies (the session, the CSRF cookie of link pages),
 * reads the CSRF token from the last page it loaded, posts forms, and does not follow redirects, so
 * tests see where they point.
 */
public final class Browser {

  private static final Pattern CSRF =
      Pattern.compile(
          "name=\"_csrf\"[^>]*value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*name=\"_csrf\"");

  private final String base;
  private final HttpClient http =
      HttpClient.newBuilder()
          .cookieHandler(new CookieManager())
          .followRedirects(HttpClient.Redirect.NEVER)
          .build();
  private String csrf;

  public Browser(String base) {
    this.base = base;
  }

  /** GETs a page and remembers its CSRF token, if it has a form. */
  public HttpResponse<String> get(String path) {
    HttpResponse<String> page = send(HttpRequest.newBuilder(uri(path)).GET());
    Matcher token = CSRF.matcher(page.body());
    if (token.find()) {
      csrf = unescape(token.group(1) != null ? token.group(1) : token.group(2));
    }
    return page;
  }

  /** Posts a form with the CSRF token of the last page. */
  public HttpResponse<String> submit(String path, Map<String, String> form) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    if (csrf == null) {
      throw new IllegalStateException("no page with a CSRF token was loaded");
    }
    fields.put("_csrf", csrf);
    return postForm(path, fields);
  }

  /** Posts a form as it is, e.g. without its CSRF token. */
  public HttpResponse<String> postForm(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpResponse<String> answer =
        send(
            HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    return answer;
  }

  /** A JSON request with the browser's cookies; {@code withCsrf} adds the {@code X-CSRF-TOKEN}. */
  public HttpResponse<String> json(String method, String path, String body, boolean withCsrf) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (withCsrf) {
      request.header("X-CSRF-TOKEN", csrf);
    }
    return send(request);
  }

  public String csrfToken() {
    return csrf;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException("request failed", e);
    }
  }

  private URI uri(String path) {
    return URI.create(path.startsWith("http") ? path : base + path);
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String unescape(String html) {
    return html.replace("&#45;", "-").replace("&amp;", "&").replace("&quot;", "\"");
  }
}
