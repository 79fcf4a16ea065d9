package dev.switchboard.bridge.call;

/**
 * How a call ended: exactly one per call.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param result the classified outcome
 * @param reason human-readable detail (no secrets)
 */
public record Termination(Result result, String reason) {

  /** Classified call outcomes, for metrics and call records. */
  public enum Result {
    COMPLETED_CALLER_HANGUP,
    COMPLETED_AGENT_HANGUP,
    TRANSFERRED,
    BACKEND_FAILED,
    TRANSPORT_FAILED,
    MAX_DURATION,
    DRAINED,
    ERROR;

    /** The call reached a normal end (as opposed to a failure). */
    public boolean completed() {
      return this == COMPLETED_CALLER_HANGUP
          || this == COMPLETED_AGENT_HANGUP
          || this == TRANSFERRED
          || this == MAX_DURATION
          || this == DRAINED;
    }
  }

  public Termination {
    if (result == null) {
      throw new IllegalArgumentException("result is required");
    }
    reason = reason == null ? "" : reason;
  }
}
