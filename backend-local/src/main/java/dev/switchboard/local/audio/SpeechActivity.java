package dev.switchboard.local.audio;

import dev.switchboard.transcoding.PcmFrame;

/**
 * Per-frame speech decision for one caller stream (stateful, one thread). The seam where the
 * transcoding module's {@code VoiceActivityDetector} plugs in: {@link #create} is the only place
 * that picks the implementation.
 */
public interface SpeechActivity {

  /** Whether this 10 or 20 ms frame (8 kHz) is speech, with the detector's own hangover. */
  boolean isSpeech(PcmFrame frame);

  static SpeechActivity create() {
    return new EnergySpeechActivity();
  }
}
