package dev.switchboard.bridge.time;

import java.time.Duration;

/**
 * The time source of the call core: a monotonic clock plus timers. Production uses {@link
 * SystemMediaClock}; tests use the testkit's {@code ManualClock} so pacing, barge-in, marks and
 * timeouts are tested without sleeps.
 */
public interface MediaClock {

  /** Monotonic nanoseconds (arbitrary origin). */
  long nanoTime();

  default long millisTime() {
    return nanoTime() / 1_000_000L;
  }

  /** Runs {@code task} once after {@code delay}; the returned handle cancels it. */
  Timer schedule(Duration delay, Runnable task);

  /** A scheduled task. */
  interface Timer {
    /** Cancels it if it has not run; harmless otherwise. */
    void cancel();
  }
}
