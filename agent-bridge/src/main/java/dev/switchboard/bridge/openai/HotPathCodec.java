package dev.switchboard.bridge.openai;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Hand-written encoder and decoder for the two messages sent 50 times a second per call: {@code
 * input_audio_buffer.append} out and {@code response.output_audio.delta} (preview: {@code
 * response.audio.delta}) in. Everything else goes through Jackson's tree model in {@link
 * OpenAiCodec}.
 *
 * <p>The append is written straight into one ASCII byte array (base64 needs no JSON escaping, RFC
 * 8259 section 7) and becomes a compact Latin-1 string with one copy; the result is byte for byte
 * what the tree encoder writes. A delta is read with Jackson's streaming parser, without building a
 * tree, but only when {@code type} is the first member (as OpenAI sends it); any other shape, and
 * anything the streaming pass cannot read, returns {@code null} so the caller takes the general
 * path, which keeps its error reporting. Stateless and thread-safe.
 */
final class HotPathCodec {

  private static final byte[] APPEND_HEAD =
      "{\"type\":\"input_audio_buffer.append\",\"audio\":\"".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] APPEND_TAIL = "\"}".getBytes(StandardCharsets.US_ASCII);
  private static final String GA_DELTA = "{\"type\":\"response.output_audio.delta\"";
  private static final String PREVIEW_DELTA = "{\"type\":\"response.audio.delta\"";

  /**
   * Jackson's default buffer recycling is thread-local: parsing on each connection's reader virtual
   * thread would keep a set of buffers alive per call. One shared pool instead.
   */
  static final JsonFactory FACTORY =
      JsonFactory.builder().recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build();

  private HotPathCodec() {}

  /** {@code {"type":"input_audio_buffer.append","audio":"<base64>"}}. */
  static String append(byte[] audio) {
    byte[] b64 = Base64.getEncoder().encode(audio);
    byte[] out = new byte[APPEND_HEAD.length + b64.length + APPEND_TAIL.length];
    System.arraycopy(APPEND_HEAD, 0, out, 0, APPEND_HEAD.length);
    System.arraycopy(b64, 0, out, APPEND_HEAD.length, b64.length);
    System.arraycopy(APPEND_TAIL, 0, out, APPEND_HEAD.length + b64.length, APPEND_TAIL.length);
    return new String(out, StandardCharsets.ISO_8859_1);
  }

  /** True when {@code text} is an audio delta with {@code type} first. */
  static boolean isAudioDelta(String text) {
    return text.startsWith(GA_DELTA) || text.startsWith(PREVIEW_DELTA);
  }

  /**
   * Parses an audio delta whose {@code type} comes first, or returns {@code null} for the general
   * path (malformed JSON, a non-string id, bad base64).
   */
  static ServerEvent.AudioDelta audioDelta(String text) {
    String responseId = null;
    String itemId = null;
    int contentIndex = 0;
    String delta = "";
    try (JsonParser p = FACTORY.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (name) {
          case "response_id" -> responseId = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "item_id" -> itemId = v == JsonToken.VALUE_STRING ? p.getText() : null;
          case "content_index" -> {
            if (v != JsonToken.VALUE_NUMBER_INT) {
              return null;
            }
            contentIndex = p.getIntValue();
          }
          case "delta" -> {
            if (v != JsonToken.VALUE_STRING) {
              return null;
            }
            delta = p.getText();
          }
          default -> p.skipChildren();
        }
      }
      if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
        return null;
      }
      return new ServerEvent.AudioDelta(
          responseId, itemId, contentIndex, Base64.getDecoder().decode(delta));
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
  }
}
