package dev.forewarn.ingest.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP port in front of a real service that the test can shut: while shut, every connection is
 * closed as soon as it is accepted, as a server that went down would; while open, bytes flow both
 * ways to the service. Tests use it to take a shared service away from one client without stopping
 * the service for anyone else.
 */
public final class TcpGate implements AutoCloseable {

  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private volatile boolean open;

  private TcpGate(String targetHost, int targetPort, boolean open) throws IOException {
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.open = open;
    Thread acceptor = new Thread(this::accept, "tcp-gate-" + server.getLocalPort());
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** A gate to {@code host:port}, shut until {@link #open()}. */
  public static TcpGate shut(String host, int port) throws IOException {
    return new TcpGate(host, port, false);
  }

  public int port() {
    return server.getLocalPort();
  }

  public void open() {
    open = true;
  }

  /** Shuts the gate and drops every connection that is through it. */
  public void shut() {
    open = false;
    sockets.forEach(TcpGate::closeQuietly);
    sockets.clear();
  }

  @Override
  public void close() {
    shut();
    closeQuietly(server);
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        if (!open) {
          closeQuietly(client);
          continue;
        }
        Socket target = new Socket(targetHost, targetPort);
        sockets.add(client);
        sockets.add(target);
        pipe(client, target);
        pipe(target, client);
      } catch (IOException e) {
        // the server socket was closed, or the target refused: the client sees a closed socket
      }
    }
  }

  private void pipe(Socket from, Socket to) {
    Thread thread =
        new Thread(
            () -> {
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // one side closed
              } finally {
                closeQuietly(from);
                closeQuietly(to);
              }
            },
            "tcp-gate-pipe");
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // already closed
    }
  }
}
