package dev.switchboard.local;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendListener;
import dev.switchboard.bridge.backend.Usage;
import dev.switchboard.local.audio.AudioPaths;
import dev.switchboard.local.tts.SpeechSynthesizer;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Emits one agent response in the event shape of the OpenAI backend: {@code ResponseStarted},
 * {@code AudioDelta}s of one item (content index 0) streamed while the synthesiser runs, {@code
 * AudioDone}, {@code AgentTranscript}, then any {@code ToolCall}s and {@code ResponseDone}.
 *
 * <p>Used on the session's worker thread only.
 */
final class ResponseWriter {

  /** A voicemail beep: 1 kHz for 400 ms after 200 ms of silence, at −10 dBFS. */
  private static final int BEEP_HZ = 1000;

  private static final int BEEP_MILLIS = 400;

  /** What one response produced. */
  record Outcome(String responseId, String itemId, long audioMillis, boolean cancelled) {}

  /** A tool call to append: {@code callId} chosen by the session. */
  record Tool(String callId, String itemId, String name, String argumentsJson) {}

  private final BackendListener listener;
  private final SpeechSynthesizer synthesizer;
  private final AudioFormat output;
  private final int synthRateHz;

  ResponseWriter(BackendListener listener, SpeechSynthesizer synthesizer, AudioFormat output) {
    this.listener = listener;
    this.synthesizer = synthesizer;
    this.output = output;
    this.synthRateHz = AudioPaths.synthRateFor(output);
  }

  Outcome write(
      String responseId,
      String itemId,
      String text,
      boolean beep,
      List<Tool> tools,
      BooleanSupplier cancelled) {
    listener.onEvent(new BackendEvent.ResponseStarted(responseId));
    long[] samples = {0};
    boolean completed = true;
    if (!text.isBlank() || beep) {
      Function<PcmFrame, EncodedFrame> encode = AudioPaths.encoder(output, synthRateHz);
      java.util.function.Predicate<PcmFrame> sink =
          pcm -> {
            if (cancelled.getAsBoolean()) {
              return false;
            }
            EncodedFrame frame = encode.apply(pcm);
            samples[0] += frame.samples();
            listener.onEvent(new BackendEvent.AudioDelta(responseId, itemId, 0, frame));
            return true;
          };
      if (!text.isBlank()) {
        completed = synthesizer.synthesize(text, synthRateHz, sink);
      }
      if (beep && completed) {
        completed = sink.test(PcmFrame.silence(synthRateHz, 200)) && sink.test(beep());
      }
      listener.onEvent(new BackendEvent.AudioDone(responseId, itemId, 0));
      listener.onEvent(new BackendEvent.AgentTranscript(responseId, itemId, text));
    }
    if (completed) {
      for (Tool t : tools) {
        listener.onEvent(
            new BackendEvent.ToolCall(
                responseId, t.itemId(), t.callId(), t.name(), t.argumentsJson()));
      }
    }
    listener.onEvent(
        new BackendEvent.ResponseDone(
            responseId, completed ? "completed" : "cancelled", Usage.NONE));
    long millis = samples[0] * 1000 / output.sampleRateHz();
    return new Outcome(responseId, itemId, millis, !completed);
  }

  private PcmFrame beep() {
    short[] s = new short[synthRateHz * BEEP_MILLIS / 1000];
    double amplitude = 32767 * Math.pow(10, -10 / 20.0);
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * BEEP_HZ * i / synthRateHz));
    }
    return new PcmFrame(s, synthRateHz);
  }
}
