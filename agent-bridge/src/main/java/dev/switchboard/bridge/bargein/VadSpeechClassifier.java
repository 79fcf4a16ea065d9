package dev.switchboard.bridge.bargein;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.vad.VadConfig;
import dev.switchboard.transcoding.vad.VadResult;
import dev.switchboard.transcoding.vad.VoiceActivityDetector;

/**
 * The transcoding module's sub-band {@link VoiceActivityDetector} as a barge-in {@link
 * SpeechClassifier}. Uses the per-frame probability before hangover: barge-in has its own timing
 * rules (pause, {@code minSpeech}, false-interruption resume), which a VAD hangover would blur.
 *
 * <p>Not the default: on the echo-cancelled residual it pauses the agent falsely about 7.6 times
 * per 10 minutes of agent speech under 20 dB ERL echo (no false commits), against about 1 for
 * {@link EnergyOnsetClassifier}, whose floor tracking is tuned for that residual ({@code
 * EchoRobustnessTest}). It suits uplinks without echo, e.g. a transport with its own canceller.
 *
 * <p>One instance per call; confined to the thread feeding it. The detector is created for the rate
 * of the first frame and recreated if the rate changes.
 */
public final class VadSpeechClassifier implements SpeechClassifier {

  private final VadConfig config;
  private VoiceActivityDetector vad;

  public VadSpeechClassifier(VadConfig config) {
    this.config = config;
  }

  public static VadSpeechClassifier defaults() {
    return new VadSpeechClassifier(VadConfig.defaults());
  }

  @Override
  public SpeechScore classify(short[] samples, int sampleRateHz) {
    if (vad == null || vad.sampleRateHz() != sampleRateHz) {
      vad = new VoiceActivityDetector(config, sampleRateHz);
    }
    VadResult result = vad.process(new PcmFrame(samples, sampleRateHz));
    // Level on the barge-in gate's own scale (Levels), so it compares with the echo ceiling.
    return new SpeechScore(result.speechProbability(), Levels.dbfs(Levels.meanSquare(samples)));
  }

  @Override
  public void reset() {
    if (vad != null) {
      vad.reset();
    }
  }

  @Override
  public String toString() {
    return "VadSpeechClassifier[" + (vad == null ? config : vad) + "]";
  }
}
