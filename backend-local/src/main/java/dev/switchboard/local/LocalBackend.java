package dev.switchboard.local;

import dev.switchboard.bridge.backend.BackendException;
import dev.switchboard.bridge.backend.BackendListener;
import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.local.asr.SpeechRecognizer;
import dev.switchboard.local.asr.SphinxRecognizer;
import dev.switchboard.local.audio.AudioPaths;
import dev.switchboard.local.tts.FreeTtsSynthesizer;
import dev.switchboard.local.tts.SpeechSynthesizer;
import dev.switchboard.transcoding.AudioFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded offline backend: runs an IVR {@link dev.switchboard.local.flow.Flow} with grammar
 * speech recognition (Sphinx4) and synthesis (FreeTTS), in process, with no key and no network. Its
 * sessions implement {@link RealtimeSession} exactly like the OpenAI backend's.
 *
 * <p>Models are loaded once per process and shared by every call; construct the backend at start-up
 * (with {@link #withSharedModels}) so the first call does not wait for them.
 */
public final class LocalBackend implements RealtimeBackend {

  /**
   * Truncation yes (we clamp to the audio sent), server VAD yes (our segmenter reports the caller's
   * speech), no self-cancel on speech (the call core barges in), tools yes (built-in {@code
   * transfer}, {@code hang_up}, plus {@code handover} and {@code record_voicemail}), no session
   * time limit.
   */
  static final Capabilities CAPABILITIES =
      new Capabilities(
          AudioPaths.INPUT_FORMATS, AudioPaths.OUTPUT_FORMATS, true, true, false, true, null, true);

  private static final AtomicLong SESSIONS = new AtomicLong();

  private final LocalConfig settings;
  private final SpeechRecognizer recognizer;
  private final SpeechSynthesizer synthesizer;

  public LocalBackend(
      LocalConfig settings, SpeechRecognizer recognizer, SpeechSynthesizer synthesizer) {
    this.settings = settings;
    this.recognizer = recognizer;
    this.synthesizer = synthesizer;
  }

  /** A backend on the process-wide models, loading them now if no call has yet. */
  public static LocalBackend withSharedModels(LocalConfig settings) {
    return new LocalBackend(settings, SphinxRecognizer.shared(), FreeTtsSynthesizer.shared());
  }

  @Override
  public String name() {
    return "local";
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public CompletableFuture<RealtimeSession> connect(
      SessionConfig config, BackendListener listener) {
    for (AudioFormat f : new AudioFormat[] {config.inputFormat(), config.outputFormat()}) {
      boolean ok =
          f == config.inputFormat() ? CAPABILITIES.acceptsInput(f) : CAPABILITIES.producesOutput(f);
      if (!ok) {
        return CompletableFuture.failedFuture(
            new BackendException(
                BackendException.Kind.CONFIG_MISMATCH,
                "the offline backend cannot use "
                    + f
                    + " (input: "
                    + CAPABILITIES.inputFormats()
                    + ", output: "
                    + CAPABILITIES.outputFormats()
                    + ")"));
      }
    }
    String id = "local" + SESSIONS.incrementAndGet();
    LocalSession session =
        new LocalSession(id, settings, config, listener, recognizer, synthesizer);
    session.open();
    return CompletableFuture.completedFuture(session);
  }

  @Override
  public String toString() {
    return "LocalBackend[" + settings.flow().name() + ", " + recognizer + ", " + synthesizer + "]";
  }
}
