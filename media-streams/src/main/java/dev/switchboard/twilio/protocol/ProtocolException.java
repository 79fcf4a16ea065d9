package dev.switchboard.twilio.protocol;

/**
 * A Media Streams message we could not use. The message names the problem and the offending value
 * (never the payload itself); the caller counts it by {@link #problem()} and the call goes on.
 */
public final class ProtocolException extends Exception {

  private static final long serialVersionUID = 1L;

  /** What was wrong, for counters. */
  public enum Problem {
    MALFORMED_JSON,
    MISSING_FIELD,
    BAD_NUMBER,
    BAD_BASE64,
    OVERSIZED,
    WRONG_LENGTH,
    BAD_MEDIA_FORMAT
  }

  private final Problem problem;

  public ProtocolException(Problem problem, String message) {
    super(message);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
