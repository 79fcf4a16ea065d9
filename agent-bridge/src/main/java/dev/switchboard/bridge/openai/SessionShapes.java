package dev.switchboard.bridge.openai;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.bridge.backend.ToolDefinition;
import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.transcoding.AudioFormat;
import java.util.ArrayList;
import java.util.List;

/**
 * The session object in both dialects, to and from JSON. Package-private helper of {@link
 * OpenAiCodec}.
 *
 * <p>GA (Realtime API reference, {@code session.update}): {@code {type:"realtime", model,
 * instructions, output_modalities, audio:{input:{format, turn_detection, noise_reduction,
 * transcription}, output:{format, voice}}, tools, tool_choice}}. Preview: flat {@code
 * input_audio_format}, {@code output_audio_format}, {@code turn_detection}, {@code
 * input_audio_transcription}, {@code input_audio_noise_reduction}, {@code voice}, {@code
 * modalities}.
 */
final class SessionShapes {

  private final ObjectMapper json;
  private final Dialect dialect;

  SessionShapes(ObjectMapper json, Dialect dialect) {
    this.json = json;
    this.dialect = dialect;
  }

  ObjectNode encode(WireSession s) {
    ObjectNode out = json.createObjectNode();
    if (dialect == Dialect.GA) {
      out.put("type", "realtime");
      if (s.model() != null) {
        out.put("model", s.model());
      }
      out.put("instructions", s.instructions());
      out.putArray("output_modalities").add("audio");
      ObjectNode input = out.putObject("audio").putObject("input");
      input.set("format", encodeFormat(s.inputFormat()));
      input.set("turn_detection", encodeTurnDetection(s.turnDetection()));
      input.set("noise_reduction", encodeNoiseReduction(s.noiseReduction()));
      input.set("transcription", encodeTranscription(s));
      ObjectNode output = ((ObjectNode) out.get("audio")).putObject("output");
      output.set("format", encodeFormat(s.outputFormat()));
      if (s.voice() != null) {
        output.put("voice", s.voice());
      }
    } else {
      out.put("instructions", s.instructions());
      // The preview produced audio only together with text.
      out.putArray("modalities").add("audio").add("text");
      if (s.voice() != null) {
        out.put("voice", s.voice());
      }
      out.put("input_audio_format", previewFormat(s.inputFormat()));
      out.put("output_audio_format", previewFormat(s.outputFormat()));
      out.set("turn_detection", encodeTurnDetection(s.turnDetection()));
      out.set("input_audio_noise_reduction", encodeNoiseReduction(s.noiseReduction()));
      out.set("input_audio_transcription", encodeTranscription(s));
    }
    ArrayNode tools = out.putArray("tools");
    for (ToolDefinition tool : s.tools()) {
      ObjectNode t = tools.addObject();
      t.put("type", "function");
      t.put("name", tool.name());
      t.put("description", tool.description() == null ? "" : tool.description());
      try {
        t.set("parameters", json.readTree(tool.parametersJsonSchema()));
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(
            "tool '"
                + tool.name()
                + "' has parameters that are not JSON: "
                + e.getOriginalMessage());
      }
    }
    out.put("tool_choice", "auto");
    return out;
  }

  WireSession decode(JsonNode s) {
    boolean ga = s.has("audio") || "realtime".equals(text(s, "type"));
    JsonNode input = ga ? s.path("audio").path("input") : s;
    JsonNode output = ga ? s.path("audio").path("output") : s;
    JsonNode inFormat = ga ? input.get("format") : s.get("input_audio_format");
    JsonNode outFormat = ga ? output.get("format") : s.get("output_audio_format");
    JsonNode transcription = ga ? input.get("transcription") : s.get("input_audio_transcription");
    JsonNode noise = ga ? input.get("noise_reduction") : s.get("input_audio_noise_reduction");
    List<ToolDefinition> tools = new ArrayList<>();
    for (JsonNode t : s.path("tools")) {
      JsonNode params = t.get("parameters");
      tools.add(
          new ToolDefinition(
              text(t, "name"), text(t, "description"), params == null ? null : params.toString()));
    }
    AudioFormat in = decodeFormat(inFormat);
    AudioFormat out = decodeFormat(outFormat);
    return new WireSession(
        text(s, "id"),
        text(s, "model"),
        text(s, "instructions"),
        ga ? text(output, "voice") : text(s, "voice"),
        in,
        out,
        decodeTurnDetection(ga ? input.get("turn_detection") : s.get("turn_detection")),
        isNull(noise) ? null : text(noise, "type"),
        isNull(transcription) ? null : text(transcription, "model"),
        isNull(transcription) ? null : text(transcription, "language"),
        tools,
        in == null && !isNull(inFormat) ? inFormat.toString() : null,
        out == null && !isNull(outFormat) ? outFormat.toString() : null);
  }

  private JsonNode encodeFormat(AudioFormat f) {
    ObjectNode node = json.createObjectNode();
    if (f.equals(AudioFormat.PCM16_24K)) {
      // GA: audio/pcm is defined at 24000 Hz only and names its rate explicitly.
      node.put("type", "audio/pcm").put("rate", 24000);
    } else if (f.equals(AudioFormat.PCMU_8K)) {
      node.put("type", "audio/pcmu");
    } else if (f.equals(AudioFormat.PCMA_8K)) {
      node.put("type", "audio/pcma");
    } else {
      throw unsupported(f);
    }
    return node;
  }

  private static String previewFormat(AudioFormat f) {
    if (f.equals(AudioFormat.PCM16_24K)) {
      return "pcm16";
    } else if (f.equals(AudioFormat.PCMU_8K)) {
      return "g711_ulaw";
    } else if (f.equals(AudioFormat.PCMA_8K)) {
      return "g711_alaw";
    }
    throw unsupported(f);
  }

  static IllegalArgumentException unsupported(AudioFormat f) {
    return new IllegalArgumentException(
        "OpenAI Realtime has no audio format " + f + ": use pcm16/24000, pcmu/8000 or pcma/8000");
  }

  /** Either dialect's spelling; {@code null} when absent or unknown. */
  static AudioFormat decodeFormat(JsonNode node) {
    if (isNull(node)) {
      return null;
    }
    String type = node.isTextual() ? node.asText() : text(node, "type");
    if (type == null) {
      return null;
    }
    return switch (type) {
      case "pcm16" -> AudioFormat.PCM16_24K;
      case "audio/pcm" -> node.path("rate").asInt(24000) == 24000 ? AudioFormat.PCM16_24K : null;
      case "g711_ulaw", "audio/pcmu" -> AudioFormat.PCMU_8K;
      case "g711_alaw", "audio/pcma" -> AudioFormat.PCMA_8K;
      default -> null;
    };
  }

  private JsonNode encodeTurnDetection(TurnDetection td) {
    return switch (td) {
      case TurnDetection.None n -> json.nullNode();
      case TurnDetection.ServerVad v -> {
        ObjectNode node = json.createObjectNode().put("type", "server_vad");
        node.put("threshold", v.threshold());
        node.put("prefix_padding_ms", v.prefixPaddingMs());
        node.put("silence_duration_ms", v.silenceDurationMs());
        if (v.idleTimeoutMs() != null) {
          node.put("idle_timeout_ms", v.idleTimeoutMs());
        }
        node.put("create_response", v.createResponse());
        node.put("interrupt_response", v.interruptResponse());
        yield node;
      }
      case TurnDetection.SemanticVad v ->
          json.createObjectNode()
              .put("type", "semantic_vad")
              .put("eagerness", v.eagerness())
              .put("create_response", v.createResponse())
              .put("interrupt_response", v.interruptResponse());
    };
  }

  static TurnDetection decodeTurnDetection(JsonNode node) {
    if (isNull(node)) {
      return new TurnDetection.None();
    }
    // Defaults follow the API reference for fields a server leaves out.
    boolean create = node.path("create_response").asBoolean(true);
    boolean interrupt = node.path("interrupt_response").asBoolean(true);
    return switch (String.valueOf(text(node, "type"))) {
      case "server_vad" ->
          new TurnDetection.ServerVad(
              node.path("threshold").asDouble(0.5),
              node.path("prefix_padding_ms").asInt(300),
              node.path("silence_duration_ms").asInt(500),
              isNull(node.get("idle_timeout_ms")) ? null : node.get("idle_timeout_ms").asInt(),
              create,
              interrupt);
      case "semantic_vad" ->
          new TurnDetection.SemanticVad(node.path("eagerness").asText("auto"), create, interrupt);
      default -> null;
    };
  }

  private JsonNode encodeNoiseReduction(String type) {
    return type == null ? json.nullNode() : json.createObjectNode().put("type", type);
  }

  private JsonNode encodeTranscription(WireSession s) {
    if (s.transcriptionModel() == null) {
      return json.nullNode();
    }
    ObjectNode node = json.createObjectNode().put("model", s.transcriptionModel());
    if (s.language() != null) {
      node.put("language", s.language());
    }
    return node;
  }

  static boolean isNull(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  static String text(JsonNode node, String field) {
    JsonNode v = node == null ? null : node.get(field);
    return isNull(v) ? null : v.asText();
  }
}
