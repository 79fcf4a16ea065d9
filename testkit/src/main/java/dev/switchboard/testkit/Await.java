package dev.switchboard.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * Waits in tests for a condition another thread or process makes true (a peer's bytes arrived, a
 * bridge came up): polls every few milliseconds and fails with {@code what} once {@code timeout}
 * passed. Only for conditions outside the test's control; time under the test's control goes
 * through a {@link ManualClock}.
 */
public final class Await {

  private Await() {}

  /** Returns as soon as {@code condition} holds; throws {@link AssertionError} after timeout. */
  public static void until(String what, Duration timeout, BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionError("timed out after " + timeout + " waiting for: " + what);
      }
      Thread.sleep(2);
    }
  }
}
