package dev.switchboard.bridge.ws;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Opens {@link WsConnection}s: TCP (and TLS for {@code wss}, with host name verification), then the
 * RFC 6455 opening handshake, on a virtual thread. Stateless apart from its random source;
 * thread-safe.
 */
public final class WsClient {

  private static final SecureRandom RANDOM = new SecureRandom();

  private WsClient() {}

  /**
   * Connects to a {@code ws://} or {@code wss://} URI.
   *
   * @param headers extra request headers (e.g. {@code Authorization}); never logged
   * @param timeout bound on TCP connect, TLS and the upgrade answer together
   * @return completes with the open socket after {@code listener.onOpen}; fails with {@link
   *     java.net.ConnectException}, {@link HttpTimeoutException}, {@link WsHandshakeException} (the
   *     server's HTTP status) or another {@link IOException}
   */
  public static CompletableFuture<WebSocket> connect(
      URI uri, Map<String, String> headers, Duration timeout, WebSocket.Listener listener) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("ws") && !scheme.equals("wss")) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("WebSocket URI must be ws:// or wss://, got " + uri));
    }
    CompletableFuture<WebSocket> result = new CompletableFuture<>();
    Thread.ofVirtual()
        .name("ws-connect-" + uri.getHost())
        .start(
            () -> {
              try {
                result.complete(open(uri, scheme.equals("wss"), headers, timeout, listener));
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            });
    return result;
  }

  private static WebSocket open(
      URI uri,
      boolean secure,
      Map<String, String> headers,
      Duration timeout,
      WebSocket.Listener listener)
      throws IOException {
    int port = uri.getPort() > 0 ? uri.getPort() : secure ? 443 : 80;
    int timeoutMillis = (int) Math.clamp(timeout.toMillis(), 1, Integer.MAX_VALUE);
    Socket tcp = new Socket();
    Socket socket = tcp;
    try {
      tcp.setTcpNoDelay(true); // 20 ms audio frames must not wait for Nagle
      try {
        tcp.connect(new InetSocketAddress(uri.getHost(), port), timeoutMillis);
      } catch (SocketTimeoutException e) {
        throw new HttpTimeoutException("connect to " + uri.getHost() + " timed out");
      }
      tcp.setSoTimeout(timeoutMillis);
      if (secure) {
        SSLSocket tls =
            (SSLSocket)
                ((SSLSocketFactory) SSLSocketFactory.getDefault())
                    .createSocket(tcp, uri.getHost(), port, true);
        SSLParameters params = tls.getSSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        tls.setSSLParameters(params);
        tls.startHandshake();
        socket = tls;
      }
      InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
      WsHandshake handshake = WsHandshake.create(RANDOM);
      try {
        handshake.writeRequest(socket.getOutputStream(), uri, headers);
        handshake.readResponse(in);
      } catch (SocketTimeoutException e) {
        throw new HttpTimeoutException("upgrade answer from " + uri.getHost() + " timed out");
      }
      socket.setSoTimeout(0);
      WsConnection c = new WsConnection(socket, in, listener, RANDOM);
      c.start("ws-" + uri.getHost());
      return c;
    } catch (IOException | RuntimeException e) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // failing anyway
      }
      throw e;
    }
  }
}
