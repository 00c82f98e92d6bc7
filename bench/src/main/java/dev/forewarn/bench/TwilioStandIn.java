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
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A local stand-in for Twilio's Messages API on the JDK's HTTP server: every {@code POST
 * /2010-04-01/Accounts/{Sid}/Messages.json} is timestamped on arrival, handed to the {@link
 * DeliveryLedger} and answered 201 with a Message resource in Twilio's documented format; anything
 * else gets Twilio's 404 error body.
 */
final class TwilioStandIn implements AutoCloseable {

  static final String ACCOUNT_SID = "AC" + "0".repeat(28) + "be0c";
  static final String AUTH_TOKEN = "bench-auth-token";
  static final String FROM = "+15005550006";

  private static final String MESSAGES = "/2010-04-01/Accounts/" + ACCOUNT_SID + "/Messages.json";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter RFC_2822 = DateTimeFormatter.RFC_1123_DATE_TIME;

  private final DeliveryLedger ledger;
  private final ExecutorService workers = Executors.newFixedThreadPool(4, TwilioStandIn::daemon);
  private final HttpServer server;

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

  private void handle(HttpExchange exchange) throws IOException {
    long arrived = System.nanoTime();
    try (exchange) {
      byte[] request = exchange.getRequestBody().readAllBytes();
      if (!"POST".equals(exchange.getRequestMethod())
          || !MESSAGES.equals(exchange.getRequestURI().getPath())) {
        answer(exchange, 404, notFound(exchange.getRequestURI().getPath()));
        return;
      }
      Map<String, String> form = form(new String(request, StandardCharsets.UTF_8));
      ledger.requested(form.get("To"), form.get("Body"), arrived);
      answer(exchange, 201, message(form));
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
