package dev.switchboard.bridge.bargein;

/**
 * One frame's verdict from a {@link SpeechClassifier}.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param speechProbability 0..1, how likely the frame is speech
 * @param energyDbfs frame RMS level in dB relative to full scale (-120 for digital silence)
 */
public record SpeechScore(double speechProbability, double energyDbfs) {

  public boolean isSpeech() {
    return speechProbability >= 0.5;
  }
}
