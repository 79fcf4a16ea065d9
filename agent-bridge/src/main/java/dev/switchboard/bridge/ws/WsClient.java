package dev.switchboard.bridge.ws;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;

/**
 * Opens {@link WsConnection}s: TCP (and TLS for {@code wss}, with host name verification), then the
 * RFC 6455 opening handshake, blocking on a virtual thread (connecting is off the hot path); the
 * open connection then lives on a shared {@link WsEventLoop}. Stateless apart from its random
 * source; thread-safe.
 */
public final class WsClient {

  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Closes channels whose connect, TLS handshake or upgrade overran. Its own thread: a timer on the
   * common pool would starve whenever that pool's few workers block.
   */
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t =
        new ScheduledThreadPoolExecutor(
            1, r -> Thread.ofPlatform().daemon().name("ws-connect-timeout").unstarted(r));
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  private WsClient() {}

  /**
   * Runs {@code sends} with {@code socket}'s output held, so that the messages they send leave
   * together in one write when it returns: on loopback each write also costs the sender the
   * receiver's TCP work, so a sender with several messages at once (a media frame and a mark echo)
   * halves its syscalls. Sends still complete as usual; a socket not opened by this client (or
   * {@code null}) just runs {@code sends}. Do not wait inside {@code sends} for one of its own
   * sends: it is not written before {@code sends} returns.
   */
  public static void batch(WebSocket socket, Runnable sends) {
    if (socket instanceof WsConnection c) {
      c.batch(sends);
    } else {
      sends.run();
    }
  }

  /**
   * Connects to a {@code ws://} or {@code wss://} URI.
   *
   * @param headers extra request headers (e.g. {@code Authorization}); never logged
   * @param timeout bound on TCP connect, TLS and the upgrade answer together
   * @param listener invoked on an IO thread shared with other connections: it must not block
   * @return completes with the open socket after {@code listener.onOpen}; fails with {@link
   *     java.net.ConnectException}, {@link HttpTimeoutException}, {@link WsHandshakeException} (the
   *     server's HTTP status) or another {@link IOException}
   */
  public static CompletableFuture<WebSocket> connect(
      URI uri, Map<String, String> headers, Duration timeout, WebSocket.Listener listener) {
    return connect(uri, headers, timeout, listener, null, null);
  }

  /**
   * As {@link #connect(URI, Map, Duration, WebSocket.Listener)} with a given TLS context (tests
   * trust their own certificate) and event loop; {@code null} for the defaults.
   */
  static CompletableFuture<WebSocket> connect(
      URI uri,
      Map<String, String> headers,
      Duration timeout,
      WebSocket.Listener listener,
      SSLContext tls,
      WsEventLoop loop) {
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
                boolean secure = scheme.equals("wss");
                SSLContext context = secure && tls == null ? SSLContext.getDefault() : tls;
                WsEventLoop l = loop != null ? loop : WsEventLoop.next();
                result.complete(open(uri, context, headers, timeout, listener, l));
              } catch (Throwable t) {
                result.completeExceptionally(t);
              }
            });
    return result;
  }

  private static WebSocket open(
      URI uri,
      SSLContext tls,
      Map<String, String> headers,
      Duration timeout,
      WebSocket.Listener listener,
      WsEventLoop loop)
      throws IOException {
    String host = uri.getHost();
    int port = uri.getPort() > 0 ? uri.getPort() : tls != null ? 443 : 80;
    long timeoutMillis = Math.clamp(timeout.toMillis(), 1, Long.MAX_VALUE);
    SocketChannel channel = SocketChannel.open();
    // A blocking channel has no read timeout: a timer closes it instead, which ends any wait.
    AtomicBoolean settled = new AtomicBoolean();
    AtomicBoolean timedOut = new AtomicBoolean();
    ScheduledFuture<?> timer =
        TIMER.schedule(
            () -> {
              if (settled.compareAndSet(false, true)) {
                timedOut.set(true);
                closeQuietly(channel);
              }
            },
            timeoutMillis,
            TimeUnit.MILLISECONDS);
    String phase = "connect";
    try {
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true); // 20 ms frames: no Nagle
      channel.connect(new InetSocketAddress(host, port));
      WsTransport transport;
      ByteBuffer in;
      if (tls != null) {
        phase = "TLS handshake";
        WsTlsTransport t = new WsTlsTransport(channel, tls, host, port);
        in = ByteBuffer.allocate(t.appBufferBytes());
        t.handshake(in);
        transport = t;
      } else {
        transport = new WsTransport.Plain(channel);
        in = ByteBuffer.allocate(transport.appBufferBytes());
      }
      phase = "upgrade answer";
      WsHandshake handshake = WsHandshake.create(RANDOM);
      ByteArrayOutputStream request = new ByteArrayOutputStream(512);
      handshake.writeRequest(request, uri, headers);
      byte[] bytes = request.toByteArray();
      for (int done = 0; done < bytes.length || transport.unsentBytes() > 0; ) {
        done += transport.write(bytes, done, bytes.length - done);
      }
      // Read byte by byte from the buffer: frames right after the answer stay in it.
      handshake.readResponse(new Head(transport, in));
      if (!settled.compareAndSet(false, true)) {
        throw new ClosedChannelException(); // the timer won the race
      }
      timer.cancel(false);
      channel.configureBlocking(false);
      WsConnection c = new WsConnection(transport, in, loop, listener, RANDOM);
      c.start();
      return c;
    } catch (ClosedChannelException e) {
      timer.cancel(false);
      closeQuietly(channel);
      if (timedOut.get()) {
        HttpTimeoutException t =
            new HttpTimeoutException(
                phase + " with " + host + " timed out after " + timeoutMillis + " ms");
        t.initCause(e);
        throw t;
      }
      throw e;
    } catch (IOException | RuntimeException e) {
      settled.set(true);
      timer.cancel(false);
      closeQuietly(channel);
      throw e;
    }
  }

  /** The upgrade answer as a stream over the read buffer (write mode), refilled from the socket. */
  private static final class Head extends InputStream {
    private final WsTransport transport;
    private final ByteBuffer in;

    Head(WsTransport transport, ByteBuffer in) {
      this.transport = transport;
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      while (in.position() == 0) {
        if (transport.read(in) < 0) {
          return -1;
        }
      }
      in.flip();
      int b = in.get() & 0xFF;
      in.compact();
      return b;
    }
  }

  private static void closeQuietly(SocketChannel channel) {
    try {
      channel.close();
    } catch (IOException ignored) {
      // failing anyway
    }
  }
}
