package dev.switchboard.sip;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.sip.ua.SipStackHost;

/**
 * The SIP edge: a JAIN-SIP user agent answering inbound calls and handing each to a {@link
 * SipCallHandler} as a {@code CallTransport} with its RTP media.
 *
 * <pre>{@code
 * try (SipServer sip = SipServer.start(config, handler, SystemMediaClock.get())) { ... }
 * }</pre>
 */
public final class SipServer implements AutoCloseable {

  private final SipConfig config;
  private final SipStats stats = new SipStats();
  private final SipStackHost host;

  private SipServer(SipConfig config, SipCallHandler handler, MediaClock clock) {
    this.config = config;
    this.host = SipStackHost.start(config, handler, clock, stats);
  }

  public static SipServer start(SipConfig config, SipCallHandler handler, MediaClock clock) {
    return new SipServer(config, handler, clock);
  }

  public SipConfig config() {
    return config;
  }

  public SipStats stats() {
    return stats;
  }

  public int activeCalls() {
    return host.agent().activeCalls();
  }

  /** Stops accepting calls (503 to INVITE and OPTIONS); calls in progress continue. */
  public void drain() {
    host.agent().drain();
  }

  /** Hangs up all calls and stops the stack. */
  @Override
  public void close() {
    host.close();
  }
}
