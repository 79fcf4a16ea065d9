package dev.switchboard.testkit;

import dev.switchboard.bridge.time.MediaClock;
import java.time.Duration;
import java.util.PriorityQueue;

/**
 * A {@link MediaClock} that only moves when told: {@link #advance} runs every due timer in time
 * order (ties in scheduling order), on the calling thread, with the clock set to the timer's due
 * time. Timers scheduled while advancing run in the same advance if due. Thread-safe, but meant to
 * be driven by one test thread.
 */
public final class ManualClock implements MediaClock {

  private record Entry(long dueNanos, long seq, Runnable task, boolean[] cancelled)
      implements Comparable<Entry> {
    @Override
    public int compareTo(Entry o) {
      int c = Long.compare(dueNanos, o.dueNanos);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final PriorityQueue<Entry> timers = new PriorityQueue<>();
  private long nowNanos;
  private long seq;

  @Override
  public synchronized long nanoTime() {
    return nowNanos;
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    boolean[] cancelled = {false};
    synchronized (this) {
      timers.add(new Entry(nowNanos + Math.max(0, delay.toNanos()), seq++, task, cancelled));
    }
    return () -> {
      synchronized (ManualClock.this) {
        cancelled[0] = true;
      }
    };
  }

  /** Moves time forward by {@code d}, running due timers in order. */
  public void advance(Duration d) {
    advanceTo(nanoTime() + d.toNanos());
  }

  /** Moves time to {@code at} since the clock's origin. */
  public void advanceTo(Duration at) {
    advanceTo(at.toNanos());
  }

  private void advanceTo(long targetNanos) {
    while (true) {
      Entry next;
      synchronized (this) {
        next = timers.peek();
        if (next == null || next.dueNanos > targetNanos) {
          nowNanos = Math.max(nowNanos, targetNanos);
          return;
        }
        timers.poll();
        nowNanos = Math.max(nowNanos, next.dueNanos);
        if (next.cancelled[0]) {
          continue;
        }
      }
      next.task.run();
    }
  }

  /** Time since origin. */
  public Duration now() {
    return Duration.ofNanos(nanoTime());
  }

  /** Timers not yet run or cancelled. */
  public synchronized int pendingTimers() {
    return (int) timers.stream().filter(e -> !e.cancelled[0]).count();
  }
}
