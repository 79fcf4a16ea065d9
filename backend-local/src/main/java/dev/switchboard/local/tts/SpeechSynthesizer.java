package dev.switchboard.local.tts;

import dev.switchboard.transcoding.PcmFrame;
import java.util.function.Predicate;

/**
 * Text to speech for the offline backend, kept small so a better engine can replace FreeTTS (for
 * example Debian's {@code flite} run as a subprocess writing raw PCM to stdout: optional, not
 * bundled). Implementations are shared by every call and safe to use from many threads.
 */
public interface SpeechSynthesizer {

  /** Rates this synthesiser can produce directly. */
  boolean supportsRate(int sampleRateHz);

  /**
   * Speaks {@code text}, handing PCM chunks to {@code sink} as they are produced (the first chunk
   * comes after the first sentence, not after the whole text). Returns when done, or early once the
   * sink returns {@code false} (the response was cancelled).
   *
   * @return {@code false} if stopped early
   */
  boolean synthesize(String text, int sampleRateHz, Predicate<PcmFrame> sink);
}
