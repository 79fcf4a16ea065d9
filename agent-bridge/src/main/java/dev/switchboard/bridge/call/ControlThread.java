package dev.switchboard.bridge.call;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * One call's control loop thread: a virtual thread that runs the task handed to it and parks in
 * between. {@link CallSession} hands it at most one task at a time (its drain loop, guarded by its
 * {@code scheduled} flag), so a single slot and {@link LockSupport#unpark} replace a thread pool's
 * locked queue and condition: one wake-up per burst of events and no lock on the 20 ms path.
 *
 * <p>Thread-safe. After {@link #shutdown} a task already handed over still runs; later ones are
 * rejected, as a shut-down executor's would be.
 */
final class ControlThread implements Executor {

  private final AtomicReference<Runnable> slot = new AtomicReference<>();
  private final Thread thread;
  private volatile boolean shutdown;

  ControlThread(String name) {
    this.thread = Thread.ofVirtual().name(name).unstarted(this::loop);
    thread.start();
  }

  @Override
  public void execute(Runnable task) {
    if (shutdown) {
      throw new RejectedExecutionException("control thread " + thread.getName() + " shut down");
    }
    if (!slot.compareAndSet(null, task)) {
      throw new IllegalStateException("a control task is already pending on " + thread.getName());
    }
    // A permit given before the loop parks is kept: no wake-up is lost.
    LockSupport.unpark(thread);
  }

  void shutdown() {
    shutdown = true;
    LockSupport.unpark(thread);
  }

  private void loop() {
    while (true) {
      Runnable task = slot.getAndSet(null);
      if (task != null) {
        task.run();
      } else if (shutdown) {
        return;
      } else {
        LockSupport.park(this);
      }
    }
  }
}
