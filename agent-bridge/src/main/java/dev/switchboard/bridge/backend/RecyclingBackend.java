package dev.switchboard.bridge.backend;

import dev.switchboard.bridge.time.MediaClock;
import java.util.concurrent.CompletableFuture;

/**
 * Wraps any {@link RealtimeBackend} so its sessions survive the loss of the underlying session:
 * time limits (OpenAI: 60 minutes, no resume), {@code session_expired}, {@link
 * BackendEvent.GoAway}, or a dropped connection. See {@link RecyclingSession} for what happens in
 * the gap. Backend-agnostic: it uses {@link Capabilities#sessionTimeLimit()} only.
 */
public final class RecyclingBackend implements RealtimeBackend {

  private final RealtimeBackend inner;
  private final MediaClock clock;
  private final RecyclingPolicy policy;

  public RecyclingBackend(RealtimeBackend inner, MediaClock clock, RecyclingPolicy policy) {
    this.inner = inner;
    this.clock = clock;
    this.policy = policy;
  }

  @Override
  public String name() {
    return inner.name();
  }

  @Override
  public Capabilities capabilities() {
    return inner.capabilities();
  }

  @Override
  public CompletableFuture<RealtimeSession> connect(
      SessionConfig config, BackendListener listener) {
    return new RecyclingSession(inner, clock, policy, config, listener).start();
  }

  @Override
  public String toString() {
    return "RecyclingBackend[" + policy + "] -> " + inner;
  }
}
