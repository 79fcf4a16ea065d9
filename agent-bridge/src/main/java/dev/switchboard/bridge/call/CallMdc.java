package dev.switchboard.bridge.call;

import org.slf4j.MDC;

/**
 * The call id in the logging context ({@link MDC} key {@value #KEY}): every log line a call's
 * control loop writes names its call, whichever thread runs it. Stateless.
 */
public final class CallMdc {

  /** The MDC key log formats use for the call id. */
  public static final String KEY = "callId";

  private CallMdc() {}

  /** {@code task}, run with {@code callId} in the logging context and without it afterwards. */
  public static Runnable tagged(String callId, Runnable task) {
    return () -> {
      MDC.put(KEY, callId);
      try {
        task.run();
      } finally {
        MDC.remove(KEY);
      }
    };
  }
}
