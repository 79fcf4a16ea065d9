package dev.switchboard.bridge.backend;

import dev.switchboard.transcoding.EncodedFrame;
import java.time.Duration;

/**
 * One open conversation with a realtime backend. Methods send and return at once (they queue on the
 * backend's connection and never block on the network); results and errors come back as {@link
 * BackendEvent}s to the listener given at connect time.
 *
 * <p>Calls come from the call's control thread only.
 */
public interface RealtimeSession extends AutoCloseable {

  Capabilities capabilities();

  /** The configuration the backend confirmed. */
  SessionConfig config();

  /** Appends caller audio in {@link SessionConfig#inputFormat()}. */
  void sendAudio(EncodedFrame audio);

  /** Commits the input buffer as a caller turn (only needed without server turn detection). */
  void commitInput();

  /** Discards uncommitted caller audio. */
  void clearInput();

  /**
   * Asks for a response.
   *
   * @param instructions extra instructions for this response only, or {@code null}
   */
  void createResponse(String instructions);

  /** Cancels the response in progress, if any. Harmless when none is active. */
  void cancelResponse();

  /**
   * Truncates an assistant audio item to what the caller heard. Only when {@link
   * Capabilities#truncation()}; {@code heard} must not exceed the audio received for the item.
   */
  void truncate(String itemId, int contentIndex, Duration heard);

  /** Removes an item from the conversation (e.g. agent audio never played). */
  void deleteItem(String itemId);

  /** Returns a function result; {@code thenRespond} asks for a response right after. */
  void sendToolResult(String callId, String outputJson, boolean thenRespond);

  /** Adds a user text message (e.g. DTMF digits described in words). */
  void sendText(String text);

  /**
   * Changes instructions, voice or tools mid-session (if {@link Capabilities#midSessionUpdate}).
   */
  void updateSession(SessionConfig config);

  /**
   * Adds a finished text turn to the conversation without asking for a response: used to replay
   * context into a fresh session after a recycle or reconnect.
   *
   * @param role {@code user} or {@code assistant}
   */
  void addConversationItem(String role, String text);

  /** Closes the session; idempotent. A {@link BackendEvent.Closed} with expected=true follows. */
  @Override
  void close();
}
