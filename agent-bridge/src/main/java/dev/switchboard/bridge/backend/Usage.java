package dev.switchboard.bridge.backend;

/**
 * Token usage of one response, as reported by the backend ({@code response.done.usage}). Zero where
 * a backend does not report a figure.
 */
public record Usage(
    long inputTextTokens,
    long inputAudioTokens,
    long inputCachedTokens,
    long outputTextTokens,
    long outputAudioTokens) {

  public static final Usage NONE = new Usage(0, 0, 0, 0, 0);

  public Usage plus(Usage other) {
    return new Usage(
        inputTextTokens + other.inputTextTokens,
        inputAudioTokens + other.inputAudioTokens,
        inputCachedTokens + other.inputCachedTokens,
        outputTextTokens + other.outputTextTokens,
        outputAudioTokens + other.outputAudioTokens);
  }

  public long totalTokens() {
    return inputTextTokens + inputAudioTokens + outputTextTokens + outputAudioTokens;
  }
}
