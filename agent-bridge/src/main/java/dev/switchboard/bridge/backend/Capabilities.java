package dev.switchboard.bridge.backend;

import dev.switchboard.transcoding.AudioFormat;
import java.time.Duration;
import java.util.Set;

/**
 * What a realtime backend can do, as data: the call core branches on these fields, never on the
 * backend's type.
 *
 * @param inputFormats audio formats the backend accepts from the caller (first is preferred)
 * @param outputFormats audio formats the backend can produce (first is preferred)
 * @param truncation the backend can truncate an assistant item to what was heard
 * @param serverVad the backend detects the caller's speech itself and reports it
 * @param autoCancelOnSpeech the backend cancels its own response when its VAD hears the caller
 * @param tools the backend calls functions
 * @param sessionTimeLimit the longest a session may live before it must be recycled, or {@code
 *     null} when unlimited
 * @param midSessionUpdate instructions, voice and tools can change while the session is open
 */
public record Capabilities(
    Set<AudioFormat> inputFormats,
    Set<AudioFormat> outputFormats,
    boolean truncation,
    boolean serverVad,
    boolean autoCancelOnSpeech,
    boolean tools,
    Duration sessionTimeLimit,
    boolean midSessionUpdate) {

  public Capabilities {
    inputFormats = Set.copyOf(inputFormats);
    outputFormats = Set.copyOf(outputFormats);
    if (inputFormats.isEmpty() || outputFormats.isEmpty()) {
      throw new IllegalArgumentException("a backend needs at least one input and output format");
    }
  }

  public boolean acceptsInput(AudioFormat format) {
    return inputFormats.contains(format);
  }

  public boolean producesOutput(AudioFormat format) {
    return outputFormats.contains(format);
  }
}
