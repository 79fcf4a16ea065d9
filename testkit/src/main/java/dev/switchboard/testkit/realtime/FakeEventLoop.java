package dev.switchboard.testkit.realtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One platform thread that serves many of the fake's sockets and runs their timed work: a {@link
 * Selector} for readiness, a task queue for work posted from other threads, and a timer heap (the
 * {@link ResponseStreamer}'s paced deltas, session expiry). At hundreds of simulated calls a thread
 * per connection cost a wake-up and a context switch per 20 ms append; here an append costs a read
 * on a thread that is awake anyway.
 *
 * <p>Everything registered with a loop, and every task and timer it runs, is confined to its
 * thread: handlers never block and never need locks among themselves. Other threads only {@link
 * #execute} tasks. A task that throws is reported and the loop goes on (one connection's bug must
 * not stop the others).
 */
final class FakeEventLoop {

  /** What a registered channel's attachment does when the channel is ready. */
  interface Ready {
    void ready(SelectionKey key);

    /** The loop is shutting down: release the channel (and tell whoever waits on it). */
    void shutdown();
  }

  private record Timer(long dueNanos, long seq, Runnable task) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer o) {
      int c = Long.compare(dueNanos - o.dueNanos, 0);
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  private final Selector selector;
  private final Thread thread;
  private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private long timerSeq;
  private volatile boolean running = true;

  /** Frame assembly for sends (loop thread only): one direct buffer, so writes copy nothing. */
  final ByteBuffer sendScratch = ByteBuffer.allocateDirect(256 * 1024);

  FakeEventLoop(String name) {
    try {
      selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException("fake realtime server: cannot open a selector", e);
    }
    thread = Thread.ofPlatform().daemon().name(name).start(this::loop);
  }

  /** CPU time the loop thread used so far (ns), or -1 if the JVM cannot tell. */
  long cpuNanos() {
    return java.lang.management.ManagementFactory.getThreadMXBean()
        .getThreadCpuTime(thread.threadId());
  }

  boolean inLoop() {
    return Thread.currentThread() == thread;
  }

  /** Runs {@code task} on the loop thread, after what is already queued (never inline). */
  void execute(Runnable task) {
    tasks.add(task);
    if (!inLoop() && thread.isAlive() && wakeupPending.compareAndSet(false, true)) {
      selector.wakeup();
    }
  }

  /** Runs {@code task} on the loop thread after {@code delayMillis} (0: after queued work). */
  void schedule(Runnable task, long delayMillis) {
    if (!inLoop()) {
      execute(() -> schedule(task, delayMillis));
      return;
    }
    if (delayMillis <= 0) {
      tasks.add(task);
      return;
    }
    timers.add(new Timer(System.nanoTime() + delayMillis * 1_000_000, timerSeq++, task));
  }

  /** Registers {@code channel} (non-blocking) on this loop; loop thread only. */
  SelectionKey register(SelectableChannel channel, int ops, Ready attachment) throws IOException {
    if (!inLoop()) {
      throw new IllegalStateException("register on " + thread.getName() + " only");
    }
    return channel.register(selector, ops, attachment);
  }

  /**
   * Stops the loop: every registered attachment is {@link Ready#shutdown() shut down}, the selector
   * closes (which closes what was still registered), and the thread ends. Waits up to {@code
   * timeoutMillis} unless called on the loop itself.
   */
  void shutdown(long timeoutMillis) {
    execute(() -> running = false);
    if (!inLoop() && thread.isAlive()) {
      try {
        thread.join(timeoutMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    try {
      while (running) {
        long timeoutMillis = runDueTimers();
        if (!tasks.isEmpty()) {
          timeoutMillis = -1;
        }
        if (timeoutMillis < 0) {
          selector.selectNow(this::ready);
        } else {
          selector.select(this::ready, timeoutMillis);
        }
        wakeupPending.set(false);
        runTasks();
      }
    } catch (IOException e) {
      System.err.println(thread.getName() + ": selector failed: " + e);
    } finally {
      runTasks(); // e.g. sockets accepted just before the end: registered, then closed below
      for (SelectionKey key : java.util.List.copyOf(selector.keys())) {
        if (key.attachment() instanceof Ready r) {
          guarded(r::shutdown);
        }
      }
      try {
        selector.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
  }

  private void ready(SelectionKey key) {
    if (key.isValid() && key.attachment() instanceof Ready r) {
      try {
        r.ready(key);
      } catch (RuntimeException | AssertionError e) {
        report(e);
      }
    }
  }

  /** Runs the tasks queued so far (not those they queue: those wait for the next turn). */
  private void runTasks() {
    for (int n = tasks.size(); n > 0; n--) {
      Runnable task = tasks.poll();
      if (task == null) {
        return;
      }
      guarded(task);
    }
  }

  /** Runs due timers; returns ms until the next (0: none, block until woken; -1: poll). */
  private long runDueTimers() {
    while (true) {
      Timer next = timers.peek();
      if (next == null) {
        return 0;
      }
      long waitNanos = next.dueNanos - System.nanoTime();
      if (waitNanos > 0) {
        // select takes whole ms and 0 means forever: round up, at least 1 ms.
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(waitNanos + 999_999));
      }
      timers.poll();
      guarded(next.task);
    }
  }

  private void guarded(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException | AssertionError e) {
      report(e);
    }
  }

  private void report(Throwable e) {
    StackTraceElement[] at = e.getStackTrace();
    System.err.println(
        thread.getName() + ": task failed: " + e + (at.length > 0 ? " at " + at[0] : ""));
  }
}
