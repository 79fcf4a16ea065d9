package dev.switchboard.bridge.backend;

/**
 * A backend failure, classified where it arises. Messages never contain secrets (API keys, auth
 * headers).
 */
public final class BackendException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Whose fault and whether retrying can help. */
  public enum Kind {
    /** Network trouble, timeouts, 5xx: retry may help. */
    UNAVAILABLE,
    /** Bad key, forbidden, unknown model: retrying will not help. */
    AUTHENTICATION,
    /** The backend did not apply the requested configuration. */
    CONFIG_MISMATCH,
    /** The backend broke its protocol. */
    PROTOCOL
  }

  private final Kind kind;

  public BackendException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public BackendException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public boolean retryable() {
    return kind == Kind.UNAVAILABLE;
  }
}
