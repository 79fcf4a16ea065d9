package dev.switchboard.local.audio;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.vad.VadConfig;
import dev.switchboard.transcoding.vad.VoiceActivityDetector;

/**
 * Per-frame speech decision for one caller stream (stateful, one thread): the transcoding module's
 * {@link VoiceActivityDetector} with its hangover off, because {@link UtteranceSegmenter} applies
 * the session's own end-of-turn silence and a VAD hangover would be added to it (200 ms more
 * latency for nothing).
 */
public interface SpeechActivity {

  /** Whether this 10 or 20 ms frame is speech. */
  boolean isSpeech(PcmFrame frame);

  static SpeechActivity create(int sampleRateHz) {
    VoiceActivityDetector vad =
        new VoiceActivityDetector(VadConfig.defaults().withHangoverMillis(0), sampleRateHz);
    return frame -> vad.process(frame).speech();
  }
}
