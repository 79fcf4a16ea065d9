package dev.switchboard.server.wiring;

import dev.switchboard.bridge.backend.BackendListener;
import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.local.LocalBackend;
import dev.switchboard.local.LocalSession;
import dev.switchboard.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * Runs calls on the real offline backend under a {@link ManualClock}: remembers the backend's
 * sessions and steps the clock 20 ms at a time, letting every session's worker catch up after each
 * step, so clock and workers stay in lock step (no sleeps).
 */
final class OfflineSteps {

  private final ManualClock clock;
  private final List<LocalSession> sessions = new CopyOnWriteArrayList<>();

  OfflineSteps(ManualClock clock) {
    this.clock = clock;
  }

  /** {@code backend}, remembering each session it opens. */
  RealtimeBackend observe(LocalBackend backend) {
    return new RealtimeBackend() {
      @Override
      public String name() {
        return backend.name();
      }

      @Override
      public Capabilities capabilities() {
        return backend.capabilities();
      }

      @Override
      public CompletableFuture<RealtimeSession> connect(
          SessionConfig config, BackendListener listener) {
        return backend
            .connect(config, listener)
            .thenApply(
                s -> {
                  sessions.add((LocalSession) s);
                  return s;
                });
      }
    };
  }

  /** Steps until {@code done} or {@code seconds} of call time pass. */
  void run(double seconds, BooleanSupplier done) {
    for (int step = 0; step < seconds * 50 && !done.getAsBoolean(); step++) {
      clock.advance(Duration.ofMillis(20));
      for (LocalSession s : sessions) {
        s.flush().join();
      }
    }
  }
}
