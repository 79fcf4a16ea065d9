package dev.switchboard.testkit.realtime;

/**
 * What the fake answers to the next response: agent audio with its transcript, or a function call.
 *
 * @param pcm24k agent audio at 24 kHz (the fake converts to the session's output format), or null
 * @param transcript what the agent "says", streamed as transcript deltas word by word
 * @param functionName for a function call: its name; null for an audio response
 * @param functionArguments for a function call: the arguments JSON
 */
public record ScriptedResponse(
    short[] pcm24k, String transcript, String functionName, String functionArguments) {

  /** Audio and transcript. */
  public static ScriptedResponse audio(short[] pcm24k, String transcript) {
    return new ScriptedResponse(pcm24k, transcript, null, null);
  }

  /** A sine tone of {@code millis} ms at 24 kHz, half of full scale. */
  public static ScriptedResponse tone(double frequencyHz, int millis, String transcript) {
    return audio(FakeAudio.tone24k(frequencyHz, millis, 0.5), transcript);
  }

  public static ScriptedResponse functionCall(String name, String argumentsJson) {
    return new ScriptedResponse(null, null, name, argumentsJson);
  }

  public boolean isFunctionCall() {
    return functionName != null;
  }
}
