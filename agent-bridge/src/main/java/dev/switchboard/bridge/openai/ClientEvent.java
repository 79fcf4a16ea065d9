package dev.switchboard.bridge.openai;

/**
 * Events this bridge sends to OpenAI Realtime (Realtime API reference, "Client events"). Encoded by
 * {@link OpenAiCodec#encode(ClientEvent)} in the codec's dialect.
 */
public sealed interface ClientEvent {

  /** {@code type} on the wire. */
  String type();

  /** {@code session.update}: the whole session we want. */
  record SessionUpdate(WireSession session) implements ClientEvent {
    @Override
    public String type() {
      return "session.update";
    }
  }

  /**
   * {@code input_audio_buffer.append}: caller audio in the session's input format.
   *
   * @param audio raw bytes (PCM16 little-endian, or G.711 octets); base64 on the wire
   */
  record AppendAudio(byte[] audio) implements ClientEvent {
    @Override
    public String type() {
      return "input_audio_buffer.append";
    }
  }

  record CommitInput() implements ClientEvent {
    @Override
    public String type() {
      return "input_audio_buffer.commit";
    }
  }

  record ClearInput() implements ClientEvent {
    @Override
    public String type() {
      return "input_audio_buffer.clear";
    }
  }

  /** {@code response.create}, with per-response instructions or {@code null}. */
  record CreateResponse(String instructions) implements ClientEvent {
    @Override
    public String type() {
      return "response.create";
    }
  }

  record CancelResponse() implements ClientEvent {
    @Override
    public String type() {
      return "response.cancel";
    }
  }

  /** {@code conversation.item.truncate}: {@code audioEndMs} must not exceed the item's audio. */
  record TruncateItem(String itemId, int contentIndex, long audioEndMs) implements ClientEvent {
    @Override
    public String type() {
      return "conversation.item.truncate";
    }
  }

  record DeleteItem(String itemId) implements ClientEvent {
    @Override
    public String type() {
      return "conversation.item.delete";
    }
  }

  /** {@code conversation.item.create} of a {@code function_call_output} item. */
  record FunctionCallOutput(String callId, String output) implements ClientEvent {
    @Override
    public String type() {
      return "conversation.item.create";
    }
  }

  /**
   * {@code conversation.item.create} of a text message. User text is {@code input_text}; assistant
   * text is {@code output_text} in GA and {@code text} in the preview.
   *
   * @param role {@code user} or {@code assistant}
   */
  record TextMessage(String role, String text) implements ClientEvent {
    public TextMessage {
      if (!"user".equals(role) && !"assistant".equals(role)) {
        throw new IllegalArgumentException("role must be user or assistant, was '" + role + "'");
      }
    }

    @Override
    public String type() {
      return "conversation.item.create";
    }
  }
}
