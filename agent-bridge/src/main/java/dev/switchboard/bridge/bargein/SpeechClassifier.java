package dev.switchboard.bridge.bargein;

/**
 * Scores uplink frames for speech. The default is {@link EnergyOnsetClassifier}; the transcoding
 * module's VAD plugs in through an adapter implementing this interface.
 *
 * <p>Stateful, one instance per call, one thread at a time.
 */
public interface SpeechClassifier {

  /** Scores one frame of mono 16-bit samples at {@code sampleRateHz}. */
  SpeechScore classify(short[] samples, int sampleRateHz);

  /** Forgets adaptation state. */
  void reset();
}
