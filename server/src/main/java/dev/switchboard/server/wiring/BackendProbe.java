package dev.switchboard.server.wiring;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Whether a configured backend endpoint is reachable (TCP connect to its host and port), checked in
 * the background so {@code /readyz} only reads the last result. A TCP probe is deliberate: it costs
 * no tokens and needs no key, and catches DNS, routing and firewall failures.
 */
final class BackendProbe {

  private final URI endpoint;
  private final Duration timeout;
  private volatile String status = "not probed yet";

  BackendProbe(URI endpoint, Duration timeout) {
    this.endpoint = endpoint;
    this.timeout = timeout;
  }

  /** Probes now (blocking up to the timeout) and remembers the result. */
  void probe() {
    String scheme = endpoint.getScheme().toLowerCase(Locale.ROOT);
    int port = endpoint.getPort() > 0 ? endpoint.getPort() : scheme.endsWith("s") ? 443 : 80;
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(endpoint.getHost(), port), (int) timeout.toMillis());
      status = null;
    } catch (IOException e) {
      status =
          endpoint.getHost()
              + ":"
              + port
              + " unreachable ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")";
    }
  }

  /** {@code null} when the last probe succeeded, else why not. */
  String status() {
    return status;
  }
}
