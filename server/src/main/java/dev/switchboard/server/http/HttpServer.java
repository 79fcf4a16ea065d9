package dev.switchboard.server.http;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import io.undertow.server.handlers.PathHandler;
import java.net.InetSocketAddress;

/**
 * The Undertow server: health, metrics, admin API, and any prefix handlers other modules mount (the
 * Twilio endpoints under {@code /twilio}). Starts once, stops once.
 */
public final class HttpServer implements AutoCloseable {

  private final PathHandler paths = new PathHandler();
  private final String host;
  private final int port;
  private Undertow undertow;
  private InetSocketAddress bound;

  public HttpServer(String host, int port, HealthHandlers health, AdminApi admin) {
    this.host = host;
    this.port = port;
    paths.addExactPath("/healthz", health.healthz());
    paths.addExactPath("/readyz", health.readyz());
    paths.addExactPath("/metrics", health.metrics());
    paths.addPrefixPath("/admin", admin.handler());
  }

  /** Mounts another module's handler under {@code prefix} (before {@link #start()}). */
  public HttpServer mount(String prefix, HttpHandler handler) {
    paths.addPrefixPath(prefix, handler);
    return this;
  }

  public synchronized InetSocketAddress start() {
    undertow =
        Undertow.builder()
            .addHttpListener(port, host)
            // Two IO threads suffice: handlers hand work off; calls run on virtual threads.
            .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
            .setWorkerThreads(16)
            .setHandler(paths)
            .build();
    undertow.start();
    bound = (InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress();
    return bound;
  }

  public synchronized InetSocketAddress address() {
    return bound;
  }

  @Override
  public synchronized void close() {
    if (undertow != null) {
      undertow.stop();
      undertow = null;
    }
  }
}
