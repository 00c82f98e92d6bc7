package dev.forewarn.outreach.notify.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A minimal Server-Sent Events reader over the JDK's HTTP client, as a browser's EventSource reads
 * a stream: events with id, name and data, comments skipped.
 */
public final class SseClient implements AutoCloseable {

  /** One event of the stream. */
  public record Event(String id, String name, String data) {}

  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final CompletableFuture<HttpResponse<Stream<String>>> response;
  private volatile Stream<String> lines;

  /**
   * @param bearerToken sent as {@code Authorization: Bearer}; null: none
   */
  public SseClient(String url, String lastEventId, String bearerToken) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream");
    if (bearerToken != null) {
      request.header("Authorization", "Bearer " + bearerToken);
    }
    if (lastEventId != null) {
      request.header("Last-Event-ID", lastEventId);
    }
    response =
        HttpClient.newHttpClient()
            .sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines())
            .thenApply(
                r -> {
                  lines = r.body();
                  if (r.statusCode() == 200) {
                    CompletableFuture.runAsync(() -> read(r.body()));
                  }
                  return r;
                });
  }

  /** The stream's HTTP status, once its headers arrived. */
  public int status() throws Exception {
    return response.get(10, TimeUnit.SECONDS).statusCode();
  }

  /** The body of a refused stream request. */
  public String errorBody() throws Exception {
    return String.join(
        "\n", (Iterable<String>) response.get(10, TimeUnit.SECONDS).body()::iterator);
  }

  /** The next event, or null when none arrives in time. */
  public Event next(Duration timeout) throws InterruptedException {
    return events.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void read(Stream<String> body) {
    String id = null;
    String name = null;
    StringBuilder data = new StringBuilder();
    try {
      for (String line : (Iterable<String>) body::iterator) {
        if (line.isEmpty()) {
          if (data.length() > 0) {
            events.add(new Event(id, name, data.toString()));
          }
          id = null;
          name = null;
          data.setLength(0);
        } else if (line.startsWith("id:")) {
          id = line.substring(3).strip();
        } else if (line.startsWith("event:")) {
          name = line.substring(6).strip();
        } else if (line.startsWith("data:")) {
          data.append(line.substring(5));
        }
      }
    } catch (RuntimeException closed) {
      // the test closed the stream
    }
  }

  @Override
  public void close() {
    Stream<String> body = lines;
    if (body != null) {
      body.close();
    }
    response.cancel(true);
  }
}
