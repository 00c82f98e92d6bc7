package dev.forewarn.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;

/**
 * A local stand-in for Twilio's Messages API on the JDK's HTTP server: every {@code POST
 * /2010-04-01/Accounts/{Sid}/Messages.json} is timestamped on arrival, handed to the {@link
 * DeliveryLedger} and answered 201 with a Message resource in Twilio's documented format; {@code
 * GET Messages.json?To=…} lists what it accepted for that number, newest first, as Twilio's look-up
 * does; anything else gets Twilio's 404 error body. What it accepted is counted per outbox row in
 * {@link #sends()}. A {@link Mode} switched at run time makes it fail as a provider does.
 */
final class TwilioStandIn implements AutoCloseable {

  static final String ACCOUNT_SID = "AC" + "0".repeat(28) + "be0c";
  static final String AUTH_TOKEN = "bench-auth-token";
  static final String FROM = "+15005550006";

  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

  /** How the stand-in answers, switchable while the service sends. */
  enum Mode {
    /** 201 with the Message resource. */
    ACCEPT,
    /** 500, Twilio error 20500: the message is not taken. */
    ERROR_500,
    /** 429, Twilio error 20429 (too many requests): the message is not taken. */
    THROTTLE_429,
    /**
     * The message is taken on arrival, but the answer comes only after {@link #hangFor}, past the
     * client's timeout; look-ups hang as long. Twilio has the message, the service does not know.
     */
    HANG
  }

  private final DeliveryLedger ledger;
  private final ProviderSends sends = new ProviderSends();
  // A thread per request: a hung answer must not hold up the requests behind it.
  private final ExecutorService workers = Executors.newCachedThreadPool(TwilioStandIn::daemon);
  private final HttpServer server;
  private volatile Mode mode = Mode.ACCEPT;
  private volatile Duration answerDelay = Duration.ZERO;
  private volatile Duration hangFor = Duration.ofSeconds(15);

  TwilioStandIn(DeliveryLedger ledger) throws IOException {
    // Without it the JDK server's small writes meet the client's delayed ACKs: 40 ms per answer,
    // which would be measured as the service's latency. Read once, when the server first starts.
    System.setProperty("sun.net.httpserver.nodelay", "true");
    this.ledger = ledger;
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
    server.createContext("/", this::handle);
    server.setExecutor(workers);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  ProviderSends sends() {
    return sends;
  }

  /** From now on answers as {@code mode} says. */
  void mode(Mode mode) {
    this.mode = mode;
  }

  /**
   * How long an accepted message's answer takes, as a real provider's round trip does; the message
   * is taken on arrival, so a service killed meanwhile leaves it in doubt.
   */
  void answerDelay(Duration delay) {
    this.answerDelay = delay;
  }

  /** How long a {@link Mode#HANG} answer waits: longer than the client's read timeout. */
  void hangFor(Duration hang) {
    this.hangFor = hang;
  }

  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    try (exchange) {
      byte[] request = exchange.getRequestBody().readAllBytes();
      String path = exchange.getRequestURI().getPath();
      if ("GET".equals(exchange.getRequestMethod()) && MESSAGES.equals(path)) {
        list(exchange);
        return;
      }
      if (!"POST".equals(exchange.getRequestMethod()) || !MESSAGES.equals(path)) {
        answer(exchange, 404, notFound(path));
        return;
      }
      Map<String, String> form = form(new String(request, StandardCharsets.UTF_8));
      sends.requested();
      Mode now = mode;
      if (now == Mode.ERROR_500 || now == Mode.THROTTLE_429) {
        sends.refused();
        answer(exchange, now == Mode.ERROR_500 ? 500 : 429, error(now));
        return;
      }
      ledger.requested(form.get("To"), form.get("Body"), arrived);
      Map<String, Object> message = message(form);
      sends.accepted(ref(form.get("StatusCallback")), form.get("To"), message);
      if (now == Mode.HANG) {
        sends.hung();
      }
      pause(now == Mode.HANG ? hangFor : answerDelay);
      answer(exchange, 201, message);
    } catch (IOException e) {
      // The client gave up (a timeout, a killed service): what was accepted stays accepted.
    }
  }

  /** Twilio's Messages list filtered by {@code To}: one page, newest first. */
  private void list(HttpExchange exchange) throws IOException {
    if (mode == Mode.HANG) {
      pause(hangFor);
    }
    String to = query(exchange.getRequestURI().getRawQuery()).get("To");
    List<Map<String, Object>> messages = to == null ? List.of() : sends.acceptedFor(to);
    sends.lookedUp(!messages.isEmpty());
    String uri = MESSAGES + "?To=" + to + "&PageSize=50&Page=0";
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("first_page_uri", uri);
    page.put("uri", uri);
    page.put("next_page_uri", null);
    page.put("previous_page_uri", null);
    page.put("page", 0);
    page.put("page_size", 50);
    page.put("start", 0);
    page.put("end", Math.max(0, messages.size() - 1));
    page.put("messages", messages);
    answer(exchange, 200, page);
  }

  /** The outbox row's key from the status callback URL, {@code …/status?ref=<key>}. */
  static String ref(String statusCallback) {
    if (statusCallback == null || !statusCallback.contains("?")) {
      return null;
    }
    return query(statusCallback.substring(statusCallback.indexOf('?') + 1)).get("ref");
  }

  private static Map<String, String> query(String raw) {
    return raw == null ? Map.of() : form(raw);
  }

  private static Map<String, Object> error(Mode mode) {
    boolean throttled = mode == Mode.THROTTLE_429;
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", throttled ? 20429 : 20500);
    error.put("message", throttled ? "Too Many Requests" : "Internal Server Error");
    error.put("more_info", "https://www.twilio.com/docs/errors/" + (throttled ? 20429 : 20500));
    error.put("status", throttled ? 429 : 500);
    return error;
  }

  private static void pause(Duration duration) {
    if (!duration.isZero()) {
      LockSupport.parkNanos(duration.toNanos());
    }
  }

  /** The Message resource as Twilio answers a create, with a fresh {@code SM…} SID. */
  static Map<String, Object> message(Map<String, String> form) {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    String now = ZonedDateTime.now(ZoneOffset.UTC).format(RFC_2822);
    Map<String, Object> message = new LinkedHashMap<>();
    message.put("account_sid", ACCOUNT_SID);
    message.put("api_version", "2010-04-01");
    message.put("body", form.get("Body"));
    message.put("date_created", now);
    message.put("date_sent", null);
    message.put("date_updated", now);
    message.put("direction", "outbound-api");
    message.put("error_code", null);
    message.put("error_message", null);
    message.put("from", form.get("From"));
    message.put("messaging_service_sid", null);
    message.put("num_media", "0");
    message.put("num_segments", "1");
    message.put("price", null);
    message.put("price_unit", "USD");
    message.put("sid", sid);
    message.put("status", "queued");
    String uri = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages/" + sid;
    message.put("subresource_uris", Map.of("media", uri + "/Media.json"));
    message.put("to", form.get("To"));
    message.put("uri", uri + ".json");
    return message;
  }

  private static Map<String, Object> notFound(String path) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("code", 20404);
    error.put("message", "The requested resource " + path + " was not found");
    error.put("more_info", "https://www.twilio.com/docs/errors/20404");
    error.put("status", 404);
    return error;
  }

  private static void answer(HttpExchange exchange, int status, Map<String, Object> body)
      throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static Map<String, String> form(String body) {
    Map<String, String> fields = new HashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      String[] parts = pair.split("=", 2);
      fields.put(
          URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
          parts.length < 2 ? "" : URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
    }
    return fields;
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "twilio-stand-in");
    thread.setDaemon(true);
    return thread;
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
