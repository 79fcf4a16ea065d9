package dev.switchboard.twilio.stream;

import dev.switchboard.bridge.call.CallMdc;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The control-loop executor of one Twilio call ({@link TwilioMediaTransport#controlExecutor}): a
 * fresh virtual thread per run until the Media Stream socket binds, then the socket's Undertow IO
 * thread. Once bound, a caller frame read on that thread is processed there after the read handler
 * returns (XNIO queues a task its own thread hands it without waking the selector), and the {@code
 * media} it pumps is written by the same thread: no thread hand-off and no context switch per 20 ms
 * frame. Backend events and timer ticks still arrive from other threads and wake the IO thread once
 * per burst.
 *
 * <p>This is safe because the control loop never blocks (see {@link
 * dev.switchboard.bridge.transport.CallTransport#controlExecutor}); a slow task only delays the
 * other sockets of its IO thread as much as it would delay a carrier thread they share. An IO
 * thread that is gone (server stopping) rejects work: the run falls back to a virtual thread so the
 * call can still end cleanly. Each run carries the call id in the logging MDC.
 *
 * <p>Thread-safe.
 */
final class SocketAffineExecutor implements Executor {

  private final String callId;
  private volatile Executor ioThread;

  SocketAffineExecutor(String callId) {
    this.callId = callId;
  }

  /** The stream bound: later runs go to its IO thread. */
  void bind(Executor value) {
    this.ioThread = value;
  }

  /** Whether runs go to a bound socket's IO thread. */
  boolean bound() {
    return ioThread != null;
  }

  @Override
  public void execute(Runnable task) {
    Runnable run = CallMdc.tagged(callId, task);
    Executor io = ioThread;
    if (io != null) {
      try {
        io.execute(run);
        return;
      } catch (RejectedExecutionException e) {
        // The worker is shutting down: finish on a virtual thread instead.
      }
    }
    Thread.ofVirtual().name("call-" + callId).start(run);
  }

  @Override
  public String toString() {
    return "SocketAffineExecutor["
        + callId
        + (ioThread != null ? ", IO thread" : ", unbound")
        + "]";
  }
}
