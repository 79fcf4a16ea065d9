package dev.switchboard.testkit.realtime;

/**
 * Timing taps of the {@link FakeRealtimeServer} for load measurements. Called on the fake's
 * event-loop threads, which serve every connection: be fast, never block, never throw.
 */
public interface FakeObserver {

  /** A client event that appends audio arrived on connection {@code index}. */
  default void onAppend(int index, long nanoTime) {}

  /** The first audio delta of a response is being sent on connection {@code index}. */
  default void onFirstDelta(int index, long nanoTime) {}
}
