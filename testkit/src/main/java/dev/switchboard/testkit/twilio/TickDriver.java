package dev.switchboard.testkit.twilio;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

/**
 * One platform thread that runs many simulated callers' 20 ms ticks: callers are spread over {@code
 * slots} phases of the 20 ms grid (as independent Twilio media servers would be), and each wake-up
 * runs every tick of one phase. A thousand callers then cost 50 × {@code slots} wake-ups a second
 * instead of 50 each, so the load generator measures the server, not its own scheduling. Fixed
 * rate: after a stall the overdue phases run at once, as {@code scheduleAtFixedRate} would.
 * Thread-safe.
 */
public final class TickDriver implements AutoCloseable {

  private static final long PERIOD_NANOS = 20_000_000;

  private final List<List<Runnable>> bySlot;
  private final long slotNanos;
  private final Thread thread;
  private volatile boolean running = true;
  private int nextSlot;

  /**
   * @param slots phases per 20 ms (1–20): more phases spread the sending evenly, fewer wake less
   */
  public TickDriver(int slots) {
    if (slots < 1 || slots > 20) {
      throw new IllegalArgumentException("slots must be 1..20, got " + slots);
    }
    this.bySlot = new java.util.ArrayList<>();
    for (int i = 0; i < slots; i++) {
      bySlot.add(new CopyOnWriteArrayList<>());
    }
    this.slotNanos = PERIOD_NANOS / slots;
    this.thread = Thread.ofPlatform().daemon().name("twilio-tick-driver").start(this::loop);
  }

  /** CPU time the driver thread used so far (ns), or -1 if the JVM cannot tell. */
  public long cpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean()
        .getThreadCpuTime(thread.threadId());
  }

  /** Runs {@code tick} every 20 ms in the next phase (round robin); the result stops it. */
  public synchronized Runnable add(Runnable tick) {
    List<Runnable> slot = bySlot.get(nextSlot++ % bySlot.size());
    slot.add(tick);
    return () -> slot.remove(tick);
  }

  private void loop() {
    long start = System.nanoTime();
    long n = 0;
    while (running) {
      long waitNanos = start + n * slotNanos - System.nanoTime();
      if (waitNanos > 0) {
        LockSupport.parkNanos(waitNanos);
        continue;
      }
      for (Runnable tick : bySlot.get((int) (n % bySlot.size()))) {
        try {
          tick.run();
        } catch (RuntimeException e) {
          // One caller's failure must not stop the others' clocks.
          System.err.println("TickDriver: tick failed: " + e);
        }
      }
      n++;
    }
  }

  @Override
  public void close() {
    running = false;
    LockSupport.unpark(thread);
  }
}
