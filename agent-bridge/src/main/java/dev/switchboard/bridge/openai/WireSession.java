package dev.switchboard.bridge.openai;

import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.ToolDefinition;
import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.transcoding.AudioFormat;
import java.util.List;

/**
 * A realtime session configuration as it travels on the wire, in either dialect: what we ask in
 * {@code session.update} and what the server reports in {@code session.created/updated}.
 *
 * <p>Unlike {@link SessionConfig} every field may be {@code null} (the server left it out or
 * reported a value this bridge does not know, kept in {@code unknownInputFormat} and {@code
 * unknownOutputFormat} for error messages).
 */
public record WireSession(
    String id,
    String model,
    String instructions,
    String voice,
    AudioFormat inputFormat,
    AudioFormat outputFormat,
    TurnDetection turnDetection,
    String noiseReduction,
    String transcriptionModel,
    String language,
    List<ToolDefinition> tools,
    String unknownInputFormat,
    String unknownOutputFormat) {

  public WireSession {
    tools = tools == null ? List.of() : List.copyOf(tools);
  }

  /** What we ask for, from the call's configuration. */
  public static WireSession of(SessionConfig config) {
    return new WireSession(
        null,
        config.model(),
        config.instructions(),
        config.voice(),
        config.inputFormat(),
        config.outputFormat(),
        config.turnDetection(),
        config.noiseReduction(),
        config.transcriptionModel(),
        config.language(),
        config.tools(),
        null,
        null);
  }

  /** How the input format reads in messages: the known format or the raw wire value. */
  String describeInputFormat() {
    return inputFormat != null ? inputFormat.toString() : String.valueOf(unknownInputFormat);
  }

  String describeOutputFormat() {
    return outputFormat != null ? outputFormat.toString() : String.valueOf(unknownOutputFormat);
  }
}
