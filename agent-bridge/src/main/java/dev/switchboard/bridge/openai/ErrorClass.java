package dev.switchboard.bridge.openai;

/**
 * How an OpenAI {@code error} event is handled, decided where it arises (Realtime API reference,
 * "error" server event; codes seen in practice).
 */
public enum ErrorClass {
  /**
   * Races that are normal in a voice call ({@code response_cancel_not_active}, {@code
   * conversation_already_has_active_response}): logged at debug and counted, not surfaced.
   */
  BENIGN,
  /** The request failed but the session goes on (e.g. {@code invalid_request_error}). */
  RECOVERABLE,
  /** The session is unusable (auth, quota, {@code session_expired}). */
  FATAL;

  /** Classifies by code first, then by error type. */
  public static ErrorClass of(String errorType, String code) {
    if (code != null) {
      switch (code) {
        case "response_cancel_not_active", "conversation_already_has_active_response" -> {
          return BENIGN;
        }
        case "session_expired",
            "invalid_api_key",
            "insufficient_quota",
            "model_not_found",
            "session_closed" -> {
          return FATAL;
        }
        default -> {}
      }
    }
    if (errorType != null) {
      switch (errorType) {
        case "authentication_error", "permission_error", "insufficient_quota" -> {
          return FATAL;
        }
        default -> {}
      }
    }
    // invalid_request_error, server_error, rate limits: the request failed, the session did not.
    return RECOVERABLE;
  }
}
