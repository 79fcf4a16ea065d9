package dev.switchboard.bridge.backend;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import java.util.List;

/**
 * What a call asks of its backend session. Backends translate it to their wire shape and must fail
 * the session setup when the backend did not apply a field as asked.
 *
 * @param model model or deployment name, or {@code null} for the backend's default
 * @param instructions system instructions
 * @param voice output voice, or {@code null} for the backend's default
 * @param inputFormat audio format the bridge will send
 * @param outputFormat audio format the bridge wants back
 * @param turnDetection how turns end
 * @param noiseReduction {@code near_field}, {@code far_field} or {@code null} for none
 * @param transcriptionModel model transcribing the caller's audio, or {@code null} for none
 * @param language caller language hint (BCP 47), or {@code null}
 * @param tools functions the model may call
 */
public record SessionConfig(
    String model,
    String instructions,
    String voice,
    AudioFormat inputFormat,
    AudioFormat outputFormat,
    TurnDetection turnDetection,
    String noiseReduction,
    String transcriptionModel,
    String language,
    List<ToolDefinition> tools) {

  public SessionConfig {
    if (inputFormat == null || outputFormat == null) {
      throw new IllegalArgumentException("input and output audio formats are required");
    }
    instructions = instructions == null ? "" : instructions;
    turnDetection = turnDetection == null ? TurnDetection.ServerVad.defaults() : turnDetection;
    tools = tools == null ? List.of() : List.copyOf(tools);
  }

  /**
   * Checks that caller audio is in this session's input format (a session never transcodes).
   *
   * @throws IllegalArgumentException naming both formats
   */
  public void requireInput(EncodedFrame audio) {
    if (!audio.format().equals(inputFormat)) {
      throw new IllegalArgumentException(
          "audio in " + audio.format() + " but the session input is " + inputFormat);
    }
  }

  /**
   * Checks that {@code next} keeps this session's audio formats: realtime backends fix them when
   * the session opens.
   *
   * @throws IllegalArgumentException naming the formats
   */
  public void requireSameAudioFormats(SessionConfig next) {
    if (!next.inputFormat.equals(inputFormat) || !next.outputFormat.equals(outputFormat)) {
      throw new IllegalArgumentException(
          "audio formats cannot change mid-session: "
              + inputFormat
              + "/"
              + outputFormat
              + " -> "
              + next.inputFormat
              + "/"
              + next.outputFormat);
    }
  }

  public SessionConfig withInstructions(String newInstructions) {
    return with(newInstructions, tools);
  }

  /** The same session with {@code extra} tools after its own. */
  public SessionConfig withMoreTools(List<ToolDefinition> extra) {
    List<ToolDefinition> all = new java.util.ArrayList<>(tools);
    all.addAll(extra);
    return with(instructions, all);
  }

  private SessionConfig with(String newInstructions, List<ToolDefinition> newTools) {
    return new SessionConfig(
        model,
        newInstructions,
        voice,
        inputFormat,
        outputFormat,
        turnDetection,
        noiseReduction,
        transcriptionModel,
        language,
        newTools);
  }
}
