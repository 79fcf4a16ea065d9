package dev.switchboard.bridge.backend;

/** How the backend decides the caller has finished a turn. */
public sealed interface TurnDetection {

  /** No backend turn detection: the bridge commits input and asks for responses itself. */
  record None() implements TurnDetection {}

  /**
   * Energy-based server VAD (OpenAI {@code server_vad}).
   *
   * @param threshold activation threshold 0..1
   * @param prefixPaddingMs audio kept before detected speech
   * @param silenceDurationMs silence that ends a turn
   * @param idleTimeoutMs if non-null, prompt the model after this much caller silence
   * @param createResponse start a response automatically at the end of a turn
   * @param interruptResponse cancel an active response when the caller starts speaking
   */
  record ServerVad(
      double threshold,
      int prefixPaddingMs,
      int silenceDurationMs,
      Integer idleTimeoutMs,
      boolean createResponse,
      boolean interruptResponse)
      implements TurnDetection {
    public static ServerVad defaults() {
      return new ServerVad(0.5, 300, 500, null, true, true);
    }
  }

  /**
   * Model-based end-of-turn detection (OpenAI {@code semantic_vad}).
   *
   * @param eagerness {@code low}, {@code medium}, {@code high} or {@code auto}
   */
  record SemanticVad(String eagerness, boolean createResponse, boolean interruptResponse)
      implements TurnDetection {}
}
