package dev.switchboard.bridge.backend;

import dev.switchboard.transcoding.EncodedFrame;
import java.time.Duration;

/**
 * Everything a realtime backend tells the call, whatever its wire protocol. Each backend parses its
 * protocol into these records; the call core switches over them exhaustively.
 *
 * <p>Ids are the backend's own ({@code responseId}, {@code itemId}); backends without them
 * synthesise stable ones. Times are milliseconds of audio on the backend's input buffer clock.
 */
public sealed interface BackendEvent {

  /** Urgent events overtake queued audio in the call's control queue. */
  default boolean urgent() {
    return false;
  }

  /** The session is configured as asked and ready for audio. */
  record Ready(String sessionId) implements BackendEvent {}

  /** A response began. */
  record ResponseStarted(String responseId) implements BackendEvent {}

  /** A chunk of agent audio for one content part of one item. */
  record AudioDelta(String responseId, String itemId, int contentIndex, EncodedFrame audio)
      implements BackendEvent {}

  /** The backend finished sending audio for this content part. */
  record AudioDone(String responseId, String itemId, int contentIndex) implements BackendEvent {}

  /** The backend's VAD heard the caller start speaking. */
  record SpeechStarted(String itemId, long audioStartMs) implements BackendEvent {
    @Override
    public boolean urgent() {
      return true;
    }
  }

  /** The backend's VAD heard the caller stop speaking. */
  record SpeechStopped(String itemId, long audioEndMs) implements BackendEvent {}

  /**
   * The caller's input buffer became a conversation item (order of caller turns: by item, not by
   * transcript arrival).
   */
  record InputCommitted(String itemId, String previousItemId) implements BackendEvent {}

  /** Partial transcription of the caller's speech. */
  record UserTranscriptDelta(String itemId, String text) implements BackendEvent {}

  /** Final transcription of the caller's speech for one item. */
  record UserTranscript(String itemId, String text) implements BackendEvent {}

  /** Partial text of what the agent is saying (generated, not necessarily heard). */
  record AgentTranscriptDelta(String responseId, String itemId, String text)
      implements BackendEvent {}

  /** Full generated text of one agent audio item. */
  record AgentTranscript(String responseId, String itemId, String text) implements BackendEvent {}

  /** The model calls a function; emitted only once the call's arguments are complete. */
  record ToolCall(String responseId, String itemId, String callId, String name, String arguments)
      implements BackendEvent {}

  /** The backend confirmed a truncation. */
  record Truncated(String itemId, int contentIndex, long audioEndMs) implements BackendEvent {}

  /**
   * A response ended.
   *
   * @param status {@code completed}, {@code cancelled}, {@code incomplete} or {@code failed}
   */
  record ResponseDone(String responseId, String status, Usage usage) implements BackendEvent {}

  /**
   * The backend reported a problem.
   *
   * @param recoverable the session goes on; otherwise the session is unusable
   */
  record Error(String code, String message, boolean recoverable) implements BackendEvent {
    @Override
    public boolean urgent() {
      return !recoverable;
    }
  }

  /** The backend will end the session soon (e.g. Gemini {@code goAway}, session time limit). */
  record GoAway(Duration timeLeft, String reason) implements BackendEvent {
    @Override
    public boolean urgent() {
      return true;
    }
  }

  /**
   * The session ended. Always the last event of a session; never dropped.
   *
   * @param expected we closed it ourselves; otherwise it was lost or expired
   */
  record Closed(String reason, boolean expected) implements BackendEvent {
    @Override
    public boolean urgent() {
      return true;
    }
  }
}
