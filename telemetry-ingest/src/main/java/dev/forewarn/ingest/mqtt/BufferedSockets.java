package dev.forewarn.ingest.mqtt;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Locale;
import java.util.Optional;
import javax.net.SocketFactory;

/**
 * Plain TCP sockets whose input is buffered, for Paho. Paho 1.2.5 reads every packet from the
 * socket's raw stream a byte or a field at a time (the fixed header, each byte of the remaining
 * length, then the body), so each message it receives costs several system calls; profiling the
 * telemetry job put about a fifth of its CPU there. Through a buffer, one read brings in many
 * packets. Only the input is wrapped: Paho already buffers what it writes and flushes each packet.
 * The input also goes through {@link ReadableTopics}, so that a topic Paho cannot read does not
 * stop the connection.
 */
public final class BufferedSockets extends SocketFactory {

  /** Bytes read from the socket at once, at most. */
  static final int BUFFER_BYTES = 64 * 1024;

  private static final BufferedSockets INSTANCE = new BufferedSockets();

  private BufferedSockets() {}

  /**
   * The factory for a broker address: for {@code tcp://} this one; empty for {@code ssl://} and
   * WebSocket addresses, where Paho needs its own socket factories (a TLS socket buffers its input
   * by record anyway).
   */
  public static Optional<SocketFactory> forUri(String serverUri) {
    return serverUri.toLowerCase(Locale.ROOT).startsWith("tcp://")
        ? Optional.of(INSTANCE)
        : Optional.empty();
  }

  /** An unconnected socket; Paho connects it with its own timeout. */
  @Override
  public Socket createSocket() {
    return new BufferedSocket();
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(String host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  @Override
  public Socket createSocket(InetAddress host, int port) throws IOException {
    return connected(new InetSocketAddress(host, port), null);
  }

  @Override
  public Socket createSocket(InetAddress host, int port, InetAddress localHost, int localPort)
      throws IOException {
    return connected(
        new InetSocketAddress(host, port), new InetSocketAddress(localHost, localPort));
  }

  private static Socket connected(InetSocketAddress remote, InetSocketAddress local)
      throws IOException {
    Socket socket = new BufferedSocket();
    try {
      if (local != null) {
        socket.bind(local);
      }
      socket.connect(remote);
      return socket;
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  /** A socket that hands out one buffered stream over its input, topics made readable. */
  static final class BufferedSocket extends Socket {

    private InputStream input;

    @Override
    public synchronized InputStream getInputStream() throws IOException {
      if (input == null) {
        input = new ReadableTopics(new BufferedInputStream(super.getInputStream(), BUFFER_BYTES));
      }
      return input;
    }
  }
}
