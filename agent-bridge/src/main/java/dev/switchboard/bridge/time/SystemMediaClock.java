package dev.switchboard.bridge.time;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Wall-clock {@link MediaClock}: {@link System#nanoTime()} and one shared daemon timer thread.
 * Timer tasks must be short (they usually enqueue work for a call's control thread).
 */
public final class SystemMediaClock implements MediaClock {

  private static final SystemMediaClock INSTANCE = new SystemMediaClock();

  private final ScheduledExecutorService timers;

  private SystemMediaClock() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "switchboard-timer");
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    this.timers = executor;
  }

  public static SystemMediaClock get() {
    return INSTANCE;
  }

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    ScheduledFuture<?> f = timers.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }
}
