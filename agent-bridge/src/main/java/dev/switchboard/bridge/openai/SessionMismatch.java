package dev.switchboard.bridge.openai;

import dev.switchboard.bridge.backend.ToolDefinition;
import dev.switchboard.bridge.backend.TurnDetection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares the session we asked for with what {@code session.updated} says was applied.
 *
 * <p>Why: OpenAI silently ignores fields it does not understand (for example a preview-shaped
 * {@code input_audio_format} sent to a GA session), and the symptom is garbled audio minutes later,
 * not an error. Each differing field is reported as {@code field X: asked Y, got Z}.
 */
final class SessionMismatch {

  private SessionMismatch() {}

  /** The differences, empty when the server applied everything we asked. */
  static List<String> between(WireSession asked, WireSession got) {
    List<String> diffs = new ArrayList<>();
    if (!Objects.equals(asked.inputFormat(), got.inputFormat())) {
      diffs.add(diff("input audio format", asked.inputFormat(), got.describeInputFormat()));
    }
    if (!Objects.equals(asked.outputFormat(), got.outputFormat())) {
      diffs.add(diff("output audio format", asked.outputFormat(), got.describeOutputFormat()));
    }
    if (asked.voice() != null && !asked.voice().equals(got.voice())) {
      diffs.add(diff("voice", asked.voice(), got.voice()));
    }
    if (!Objects.equals(asked.instructions(), got.instructions())) {
      diffs.add(
          diff("instructions", abbreviate(asked.instructions()), abbreviate(got.instructions())));
    }
    compareTurnDetection(asked.turnDetection(), got.turnDetection(), diffs);
    if (!Objects.equals(asked.transcriptionModel(), got.transcriptionModel())) {
      diffs.add(diff("transcription model", asked.transcriptionModel(), got.transcriptionModel()));
    }
    if (asked.language() != null && !asked.language().equals(got.language())) {
      diffs.add(diff("transcription language", asked.language(), got.language()));
    }
    if (asked.noiseReduction() != null && !asked.noiseReduction().equals(got.noiseReduction())) {
      diffs.add(diff("noise reduction", asked.noiseReduction(), got.noiseReduction()));
    }
    List<String> askedTools = asked.tools().stream().map(ToolDefinition::name).sorted().toList();
    List<String> gotTools = got.tools().stream().map(ToolDefinition::name).sorted().toList();
    if (!askedTools.equals(gotTools)) {
      diffs.add(diff("tools", askedTools, gotTools));
    }
    return diffs;
  }

  private static void compareTurnDetection(
      TurnDetection asked, TurnDetection got, List<String> diffs) {
    String askedType = typeName(asked);
    String gotType = typeName(got);
    if (!askedType.equals(gotType)) {
      diffs.add(diff("turn_detection.type", askedType, gotType));
      return;
    }
    if (asked instanceof TurnDetection.ServerVad a && got instanceof TurnDetection.ServerVad g) {
      // Thresholds travel as JSON doubles; compare with a tolerance, not bit for bit.
      if (Math.abs(a.threshold() - g.threshold()) > 1e-6) {
        diffs.add(diff("turn_detection.threshold", a.threshold(), g.threshold()));
      }
      field(diffs, "prefix_padding_ms", a.prefixPaddingMs(), g.prefixPaddingMs());
      field(diffs, "silence_duration_ms", a.silenceDurationMs(), g.silenceDurationMs());
      if (a.idleTimeoutMs() != null) {
        field(diffs, "idle_timeout_ms", a.idleTimeoutMs(), g.idleTimeoutMs());
      }
      field(diffs, "create_response", a.createResponse(), g.createResponse());
      field(diffs, "interrupt_response", a.interruptResponse(), g.interruptResponse());
    } else if (asked instanceof TurnDetection.SemanticVad a
        && got instanceof TurnDetection.SemanticVad g) {
      field(diffs, "eagerness", a.eagerness(), g.eagerness());
      field(diffs, "create_response", a.createResponse(), g.createResponse());
      field(diffs, "interrupt_response", a.interruptResponse(), g.interruptResponse());
    }
  }

  private static void field(List<String> diffs, String name, Object asked, Object got) {
    if (!Objects.equals(asked, got)) {
      diffs.add(diff("turn_detection." + name, asked, got));
    }
  }

  private static String typeName(TurnDetection td) {
    return switch (td) {
      case null -> "unknown";
      case TurnDetection.None n -> "none";
      case TurnDetection.ServerVad v -> "server_vad";
      case TurnDetection.SemanticVad v -> "semantic_vad";
    };
  }

  private static String diff(String field, Object asked, Object got) {
    return "field " + field + ": asked " + asked + ", got " + got;
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return '"' + (s.length() <= 40 ? s : s.substring(0, 37) + "...") + '"';
  }
}
