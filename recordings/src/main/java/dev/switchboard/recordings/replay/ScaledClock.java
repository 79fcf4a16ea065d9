package dev.switchboard.recordings.replay;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.time.SystemMediaClock;
import java.time.Duration;

/**
 * The wall clock run {@code speed} times faster, for replaying against backends that accept audio
 * faster than real time. Every timer of the call (20 ms uplink ticks, playout pacing, timeouts) is
 * scaled alike, so the call's logic sees an ordinary clock. Thread-safe.
 */
public final class ScaledClock implements MediaClock {

  private final double speed;
  private final long originNanos = System.nanoTime();

  public ScaledClock(double speed) {
    if (!(speed >= 1 && speed <= 32)) {
      throw new IllegalArgumentException("replay speed must be 1..32, was " + speed);
    }
    this.speed = speed;
  }

  public double speed() {
    return speed;
  }

  @Override
  public long nanoTime() {
    return originNanos + (long) ((System.nanoTime() - originNanos) * speed);
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    return SystemMediaClock.get()
        .schedule(Duration.ofNanos((long) (delay.toNanos() / speed)), task);
  }

  @Override
  public String toString() {
    return "ScaledClock[x" + speed + "]";
  }
}
