package dev.switchboard.bridge.openai;

import dev.switchboard.bridge.backend.Usage;

/**
 * Events OpenAI Realtime sends (Realtime API reference, "Server events"), in both dialects: where
 * the preview used another name ({@code response.audio.delta} for GA {@code
 * response.output_audio.delta}) both parse to the same record. Parsed by {@link
 * OpenAiCodec#parse(String)}, which never throws: bad input becomes {@link Malformed}, events this
 * bridge does not model become {@link Unknown}.
 */
public sealed interface ServerEvent {

  record SessionCreated(WireSession session) implements ServerEvent {}

  record SessionUpdated(WireSession session) implements ServerEvent {}

  record SpeechStarted(String itemId, long audioStartMs) implements ServerEvent {}

  record SpeechStopped(String itemId, long audioEndMs) implements ServerEvent {}

  record InputCommitted(String itemId, String previousItemId) implements ServerEvent {}

  record InputCleared() implements ServerEvent {}

  /**
   * {@code conversation.item.added} (GA), {@code conversation.item.created} (preview) or {@code
   * conversation.item.done}.
   */
  record ItemAdded(String itemId, String previousItemId, String itemType, String role, boolean done)
      implements ServerEvent {}

  record ItemDeleted(String itemId) implements ServerEvent {}

  record ItemTruncated(String itemId, int contentIndex, long audioEndMs) implements ServerEvent {}

  record InputTranscriptDelta(String itemId, String delta) implements ServerEvent {}

  record InputTranscriptDone(String itemId, String transcript) implements ServerEvent {}

  record ResponseCreated(String responseId) implements ServerEvent {}

  /** {@code response.output_item.added}: tells the name of a function call before its arguments. */
  record OutputItemAdded(
      String responseId, String itemId, String itemType, String callId, String name)
      implements ServerEvent {}

  /** {@code response.output_audio.delta}; {@code audio} is decoded from base64. */
  record AudioDelta(String responseId, String itemId, int contentIndex, byte[] audio)
      implements ServerEvent {}

  record AudioDone(String responseId, String itemId, int contentIndex) implements ServerEvent {}

  record TranscriptDelta(String responseId, String itemId, int contentIndex, String delta)
      implements ServerEvent {}

  record TranscriptDone(String responseId, String itemId, int contentIndex, String transcript)
      implements ServerEvent {}

  record FunctionArgumentsDelta(String responseId, String itemId, String callId, String delta)
      implements ServerEvent {}

  /** {@code name} is present in GA only; the preview names the function in the output item. */
  record FunctionArgumentsDone(
      String responseId, String itemId, String callId, String name, String arguments)
      implements ServerEvent {}

  /** {@code response.output_item.done}; function-call fields are null for other item types. */
  record OutputItemDone(
      String responseId,
      String itemId,
      String itemType,
      String status,
      String callId,
      String name,
      String arguments)
      implements ServerEvent {}

  /** {@code response.done}: status completed, cancelled, incomplete or failed. */
  record ResponseDone(String responseId, String status, Usage usage) implements ServerEvent {}

  record RateLimitsUpdated(int count) implements ServerEvent {}

  /**
   * {@code error}.
   *
   * @param errorType e.g. {@code invalid_request_error}, {@code server_error}
   * @param code e.g. {@code session_expired}, {@code response_cancel_not_active}; may be null
   */
  record Error(String errorType, String code, String message, String param)
      implements ServerEvent {}

  /** A known event this bridge has no use for (e.g. {@code response.content_part.added}). */
  record Ignored(String type) implements ServerEvent {}

  /** An event type this bridge does not know: counted, never thrown. */
  record Unknown(String type) implements ServerEvent {}

  /** Text that is not a JSON event object, with the reason; counted, never thrown. */
  record Malformed(String reason) implements ServerEvent {}
}
