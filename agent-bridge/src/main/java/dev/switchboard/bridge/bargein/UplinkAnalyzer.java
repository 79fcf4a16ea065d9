package dev.switchboard.bridge.bargein;

import dev.switchboard.transcoding.PcmFrame;

/**
 * Echo canceller, speech classifier and echo-aware gate for one call's uplink, in that order. The
 * reference is the agent audio actually sent, placed on the call clock where it plays.
 *
 * <p>A frame is barge-in speech when the classifier says speech, its level is at least {@link
 * BargeInPolicy#minEnergyDbfs()}, and it exceeds the echo the agent's own voice can explain by
 * {@link BargeInPolicy#echoMarginDb()}.
 *
 * <p>One instance per call; confined to the call's control thread.
 */
public final class UplinkAnalyzer {

  private final BargeInPolicy policy;
  private final SpeechClassifier classifier;
  private final EchoCanceller canceller;
  private final int sampleRateHz;
  private final long originNanos;

  /**
   * @param canceller the echo canceller, or {@code null} to classify raw uplink audio
   * @param originNanos the call clock origin (sample 0)
   */
  public UplinkAnalyzer(
      BargeInPolicy policy,
      SpeechClassifier classifier,
      EchoCanceller canceller,
      int sampleRateHz,
      long originNanos) {
    this.policy = policy;
    this.classifier = classifier;
    this.canceller = canceller;
    this.sampleRateHz = sampleRateHz;
    this.originNanos = originNanos;
  }

  /** The agent frame {@code frame} starts playing to the caller at {@code playAtNanos}. */
  public void onAgentAudio(PcmFrame frame, long playAtNanos) {
    if (canceller != null && frame.sampleRateHz() == sampleRateHz) {
      canceller.addReference(frame.samples(), sampleAt(playAtNanos));
    }
  }

  /**
   * Analyses a caller frame that arrived at {@code nowNanos} (its last sample just before then).
   *
   * @return the verdict and, in {@link Result#cleaned()}, the echo-cancelled frame to send on
   */
  public Result analyze(PcmFrame frame, long nowNanos) {
    if (canceller == null || frame.sampleRateHz() != sampleRateHz) {
      SpeechScore s = classifier.classify(frame.samples(), frame.sampleRateHz());
      boolean speech = s.isSpeech() && s.energyDbfs() >= policy.minEnergyDbfs();
      return new Result(
          new FrameVerdict(speech, s.energyDbfs(), s.speechProbability(), Levels.SILENCE_DBFS),
          frame);
    }
    short[] out = new short[frame.sampleCount()];
    EchoAnalysis echo = canceller.process(frame.samples(), sampleAt(nowNanos), out);
    SpeechScore s = classifier.classify(out, sampleRateHz);
    boolean speech =
        s.isSpeech()
            && s.energyDbfs() >= policy.minEnergyDbfs()
            && s.energyDbfs() >= echo.echoCeilingDbfs() + policy.echoMarginDb();
    // A diverged filter's residual is the agent's own audio: judge speech on it as always (the
    // echo gate covers it), but send the model the microphone rather than the agent's voice.
    return new Result(
        new FrameVerdict(speech, s.energyDbfs(), s.speechProbability(), echo.echoCeilingDbfs()),
        echo.diverged() ? frame : new PcmFrame(out, sampleRateHz));
  }

  private long sampleAt(long nanos) {
    return Math.floorDiv((nanos - originNanos) * sampleRateHz, 1_000_000_000L);
  }

  /** The verdict and the frame to pass on (echo-cancelled when the canceller runs). */
  public record Result(FrameVerdict verdict, PcmFrame cleaned) {}

  @Override
  public String toString() {
    return "UplinkAnalyzer["
        + (canceller == null ? "no AEC" : canceller)
        + " -> "
        + classifier
        + "]";
  }
}
