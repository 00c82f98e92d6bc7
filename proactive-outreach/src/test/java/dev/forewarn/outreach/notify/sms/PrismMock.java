package dev.forewarn.outreach.notify.sms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The Prism mock server ({@code tools/prism}, installed by {@code scripts/services.sh up}) serving
 * an OpenAPI description from {@code contracts/} on a free local port, as a child process that
 * {@link #close()} ends. Its log goes to {@code target/prism-<name>.log}.
 */
final class PrismMock implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final Process process;
  private final int port;
  private final Path log;

  private PrismMock(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** Starts Prism on {@code contracts/<description>} and returns once it accepts connections. */
  static PrismMock start(String description) throws IOException, InterruptedException {
    Path root = repositoryRoot();
    Path prism = root.resolve("tools/prism/node_modules/.bin/prism");
    if (!Files.isExecutable(prism)) {
      throw new IllegalStateException(
          prism + " is not installed: run scripts/services.sh up (it runs npm ci in tools/prism)");
    }
    int port = freePort();
    Path log = Path.of("target", "prism-" + Path.of(description).getFileName() + ".log");
    Files.createDirectories(log.getParent());
    Process process =
        new ProcessBuilder(
                List.of(
                    prism.toString(),
                    "mock",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    Integer.toString(port),
                    root.resolve("contracts").resolve(description).toString()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    PrismMock mock = new PrismMock(process, port, log);
    try {
      mock.awaitListening();
    } catch (IOException | RuntimeException | InterruptedException e) {
      mock.close();
      throw e;
    }
    return mock;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitListening() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + STARTUP.toNanos();
    while (!answers()) {
      if (!process.isAlive()) {
        throw new IllegalStateException("Prism exited at startup; see " + log.toAbsolutePath());
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "Prism did not listen within "
                + STARTUP.toSeconds()
                + " s; see "
                + log.toAbsolutePath());
      }
      Thread.sleep(200);
    }
  }

  private boolean answers() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** The checkout's root: the first directory upwards that holds {@code contracts/}. */
  private static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("contracts"))) {
        return dir;
      }
    }
    throw new UncheckedIOException(
        new IOException("no contracts/ directory above " + Path.of("").toAbsolutePath()));
  }

  @Override
  public void close() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
