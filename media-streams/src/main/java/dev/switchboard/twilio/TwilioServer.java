package dev.switchboard.twilio;

import io.undertow.Undertow;
import java.net.InetSocketAddress;

/**
 * A small standalone Undertow server for {@link TwilioEndpoints} (tests, the load benchmark, single
 * node demos). Production mounts {@link TwilioEndpoints#routes()} on the server module's Undertow.
 */
public final class TwilioServer implements AutoCloseable {

  private final Undertow undertow;
  private final int port;

  private TwilioServer(Undertow undertow) {
    this.undertow = undertow;
    this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /**
   * Starts on {@code host:port} ({@code port} 0 picks a free one).
   *
   * @param ioThreads Undertow IO threads (one per core is plenty: handlers never block)
   */
  public static TwilioServer start(
      TwilioEndpoints endpoints, String host, int port, int ioThreads) {
    Undertow u =
        Undertow.builder()
            .addHttpListener(port, host)
            .setIoThreads(ioThreads)
            .setWorkerThreads(2)
            .setHandler(endpoints.routes())
            .build();
    u.start();
    return new TwilioServer(u);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    undertow.stop();
  }
}
