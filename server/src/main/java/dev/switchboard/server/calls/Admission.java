package dev.switchboard.server.calls;

import dev.switchboard.server.flow.Flow;

/**
 * The answer to "may this call come in?", given before the transport answers (SIP: before 200 OK;
 * Twilio: before the TwiML {@code <Connect><Stream>}).
 */
public sealed interface Admission {

  /**
   * Admitted: holds one capacity slot until {@link CallRegistry#register} or {@link #release()}.
   */
  record Admitted(Flow flow, CallRegistry registry, java.util.concurrent.atomic.AtomicBoolean held)
      implements Admission {
    /** Gives the slot back (the call never started). Idempotent. */
    public void release() {
      if (held.compareAndSet(true, false)) {
        registry.releaseSlot();
      }
    }
  }

  /**
   * Refused.
   *
   * @param sipStatus the SIP response code (RFC 3261 §21.5.4: 503 with Retry-After for overload and
   *     drain; 404 for no flow)
   */
  record Rejected(Reason reason, int sipStatus, String detail) implements Admission {}

  /** Why a call was refused (a metrics label). */
  enum Reason {
    DRAINING,
    AT_CAPACITY,
    NO_FLOW,
    BACKEND_UNAVAILABLE
  }
}
