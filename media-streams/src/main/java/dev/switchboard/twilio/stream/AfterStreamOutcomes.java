package dev.switchboard.twilio.stream;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outcome each call's transport chose before closing its stream, keyed by {@code CallSid}, read
 * once by the after-stream webhook. Thread-safe.
 */
public final class AfterStreamOutcomes {

  private final Map<String, AfterStream> byCallSid = new ConcurrentHashMap<>();

  /**
   * Records the outcome unless one is already set (a transfer wins over the hang-up that follows).
   */
  public void offer(String callSid, AfterStream outcome) {
    byCallSid.putIfAbsent(callSid, outcome);
  }

  /** Removes and returns the outcome, or a hang-up when none was recorded. */
  public AfterStream take(String callSid) {
    AfterStream o = callSid == null ? null : byCallSid.remove(callSid);
    return o != null ? o : new AfterStream.Hangup("stream ended");
  }

  /** True when the recorded outcome is a transfer. */
  public boolean peekIsDial(String callSid) {
    return byCallSid.get(callSid) instanceof AfterStream.Dial;
  }

  public int size() {
    return byCallSid.size();
  }
}
