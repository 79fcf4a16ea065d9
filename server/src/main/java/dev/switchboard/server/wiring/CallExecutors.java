package dev.switchboard.server.wiring;

import dev.switchboard.bridge.call.CallMdc;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One control-loop executor per call: a single virtual thread whose every task runs with the call
 * id in the logging MDC, so each log line of a call carries {@code callId}.
 */
final class CallExecutors {

  private CallExecutors() {}

  /** An executor for {@code callId}; shut it down when the call terminated. */
  static ExecutorService forCall(String callId) {
    ExecutorService inner =
        Executors.newSingleThreadExecutor(Thread.ofVirtual().name("call-" + callId).factory());
    return new java.util.concurrent.AbstractExecutorService() {
      @Override
      public void execute(Runnable task) {
        inner.execute(CallMdc.tagged(callId, task));
      }

      @Override
      public void shutdown() {
        inner.shutdown();
      }

      @Override
      public java.util.List<Runnable> shutdownNow() {
        return inner.shutdownNow();
      }

      @Override
      public boolean isShutdown() {
        return inner.isShutdown();
      }

      @Override
      public boolean isTerminated() {
        return inner.isTerminated();
      }

      @Override
      public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit)
          throws InterruptedException {
        return inner.awaitTermination(timeout, unit);
      }
    };
  }
}
