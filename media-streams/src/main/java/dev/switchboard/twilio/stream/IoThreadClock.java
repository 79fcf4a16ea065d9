package dev.switchboard.twilio.stream;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.time.SystemMediaClock;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * The playout-tick timers of one Twilio call ({@link TwilioMediaTransport#tickClock}): once the
 * Media Stream socket binds, the socket's IO thread's own timers, which its event loop runs between
 * reads (the call's control loop runs on that thread too); before that, and if the thread is gone,
 * the shared {@link SystemMediaClock} timer. A tick then costs no wake-up of another thread: at 500
 * calls the shared timer thread woke about 2,900 times a second, each time preempting an IO thread
 * mostly to re-arm the tick, since caller frames pump the playout while they flow. XNIO times its
 * loop in whole milliseconds, well inside the pacer's lead.
 *
 * <p>Thread-safe.
 */
final class IoThreadClock implements MediaClock {

  private final SystemMediaClock fallback = SystemMediaClock.get();
  private volatile XnioIoThread io;

  /** The stream bound: later timers run on its IO thread. */
  void bind(XnioIoThread value) {
    this.io = value;
  }

  @Override
  public long nanoTime() {
    return fallback.nanoTime();
  }

  @Override
  public Timer schedule(Duration delay, Runnable task) {
    XnioIoThread thread = io;
    if (thread != null) {
      try {
        XnioExecutor.Key key = thread.executeAfter(task, delay.toNanos(), TimeUnit.NANOSECONDS);
        return key::remove;
      } catch (RejectedExecutionException e) {
        // The worker is shutting down: the shared timer still runs.
      }
    }
    return fallback.schedule(delay, task);
  }
}
