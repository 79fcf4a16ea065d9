package dev.switchboard.testkit.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The fake's applied session, in the connection's dialect, as OpenAI reports it in {@code
 * session.created}/{@code session.updated}: defaults first, then each {@code session.update} merged
 * in. Objects carrying a {@code type} (formats, turn detection) are replaced whole, other objects
 * merged, as the API does. Fields on the ignore list are silently kept at their old value: that is
 * how a real server treats fields it does not understand.
 */
final class FakeSessionState {

  private final boolean ga;
  private final ObjectNode session;

  FakeSessionState(ObjectMapper json, boolean ga, String sessionId, String model) {
    this.ga = ga;
    this.session = json.createObjectNode();
    session.put("id", sessionId).put("object", "realtime.session").put("model", model);
    ObjectNode vad =
        json.createObjectNode()
            .put("type", "server_vad")
            .put("threshold", 0.5)
            .put("prefix_padding_ms", 300)
            .put("silence_duration_ms", 500)
            .put("create_response", true)
            .put("interrupt_response", true);
    if (ga) {
      session.put("type", "realtime").put("instructions", "You are a helpful assistant.");
      session.putArray("output_modalities").add("audio");
      ObjectNode input = session.putObject("audio").putObject("input");
      input.putObject("format").put("type", "audio/pcm").put("rate", 24000);
      input.set("turn_detection", vad);
      input.putNull("noise_reduction");
      input.putNull("transcription");
      ObjectNode output = ((ObjectNode) session.get("audio")).putObject("output");
      output.putObject("format").put("type", "audio/pcm").put("rate", 24000);
      output.put("voice", "alloy").put("speed", 1.0);
    } else {
      session.put("instructions", "You are a helpful assistant.");
      session.putArray("modalities").add("text").add("audio");
      session.put("voice", "alloy");
      session.put("input_audio_format", "pcm16").put("output_audio_format", "pcm16");
      session.putNull("input_audio_transcription");
      session.putNull("input_audio_noise_reduction");
      session.set("turn_detection", vad);
    }
    session.putArray("tools");
    session.put("tool_choice", "auto");
  }

  /** Merges a client {@code session} object, skipping {@code ignored} dotted paths. */
  synchronized void apply(JsonNode update, Set<String> ignored) {
    merge(session, update, "", ignored);
  }

  private static void merge(
      ObjectNode target, JsonNode update, String prefix, Set<String> ignored) {
    for (Iterator<Map.Entry<String, JsonNode>> it = update.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> f = it.next();
      String path = prefix + f.getKey();
      if (ignored.contains(path)) {
        continue;
      }
      JsonNode old = target.get(f.getKey());
      JsonNode value = f.getValue();
      if (value.isObject() && !value.has("type") && old != null && old.isObject()) {
        merge((ObjectNode) old, value, path + ".", ignored);
      } else {
        target.set(f.getKey(), value.deepCopy());
      }
    }
  }

  synchronized ObjectNode snapshot() {
    return session.deepCopy();
  }

  synchronized FakeAudio inputFormat() {
    return FakeAudio.fromWire(
        formatType(ga ? input().path("format") : session.path("input_audio_format")));
  }

  synchronized FakeAudio outputFormat() {
    return FakeAudio.fromWire(
        formatType(
            ga
                ? session.path("audio").path("output").path("format")
                : session.path("output_audio_format")));
  }

  /** The turn detection object, or null when off. */
  synchronized JsonNode turnDetection() {
    JsonNode td = ga ? input().get("turn_detection") : session.get("turn_detection");
    return td == null || td.isNull() ? null : td.deepCopy();
  }

  synchronized boolean transcriptionOn() {
    JsonNode t = ga ? input().get("transcription") : session.get("input_audio_transcription");
    return t != null && !t.isNull();
  }

  private JsonNode input() {
    return session.path("audio").path("input");
  }

  private static String formatType(JsonNode f) {
    return f.isTextual() ? f.asText() : f.path("type").asText("audio/pcm");
  }
}
