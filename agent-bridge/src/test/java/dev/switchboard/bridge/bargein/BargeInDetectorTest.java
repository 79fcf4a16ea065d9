package dev.switchboard.bridge.bargein;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.bargein.BargeInDetector.Decision;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BargeInDetectorTest {

  private static final FrameVerdict LOUD = new FrameVerdict(true, -20, 0.99, -120);
  private static final FrameVerdict QUIET = new FrameVerdict(true, -38, 0.9, -120);
  private static final FrameVerdict SILENT = new FrameVerdict(false, -60, 0.01, -120);

  private static List<Decision> feed(BargeInDetector d, FrameVerdict v, int frames, long[] t) {
    List<Decision> out = new ArrayList<>();
    for (int i = 0; i < frames; i++) {
      t[0] += 20_000_000;
      out.add(d.onFrame(v, true, 20_000, t[0]));
    }
    return out;
  }

  @Test
  void pausesAfterTwoFramesAndCommitsAtMinSpeech() {
    BargeInDetector d = new BargeInDetector(BargeInPolicy.defaults());
    long[] t = {0};
    List<Decision> out = feed(d, LOUD, 6, t);
    assertThat(out)
        .containsExactly(
            Decision.NONE,
            Decision.PAUSE,
            Decision.NONE,
            Decision.NONE,
            Decision.NONE,
            Decision.COMMIT);
  }

  @Test
  void shortBurstResumesAfterSilence() {
    BargeInDetector d = new BargeInDetector(BargeInPolicy.defaults());
    long[] t = {0};
    assertThat(feed(d, LOUD, 3, t)).contains(Decision.PAUSE).doesNotContain(Decision.COMMIT);
    assertThat(feed(d, SILENT, 5, t))
        .containsExactly(
            Decision.NONE, Decision.NONE, Decision.NONE, Decision.NONE, Decision.RESUME);
  }

  @Test
  void quietBackchannelNeitherPausesNorCommitsUnlessItGoesOn() {
    BargeInDetector d = new BargeInDetector(BargeInPolicy.defaults());
    long[] t = {0};
    assertThat(feed(d, QUIET, 15, t)).containsOnly(Decision.NONE); // 300 ms "mm-hm"
    feed(d, SILENT, 6, t);
    List<Decision> longQuiet = feed(d, QUIET, 31, t); // 620 ms of quiet talk does interrupt
    assertThat(longQuiet).contains(Decision.COMMIT).doesNotContain(Decision.PAUSE);
  }

  @Test
  void disabledPolicyNeverInterrupts() {
    BargeInPolicy off = BargeInPolicy.defaults();
    off =
        new BargeInPolicy(
            false,
            off.minSpeech(),
            off.minEnergyDbfs(),
            off.ignoreBackchannels(),
            off.backchannelMaxEnergyDbfs(),
            off.backchannelMaxDuration(),
            off.resumeAfterSilence(),
            off.clearOnPause(),
            off.echoCancellation(),
            off.echoMarginDb(),
            off.useBackendSpeechStarted());
    BargeInDetector d = new BargeInDetector(off);
    assertThat(feed(d, LOUD, 20, new long[] {0})).containsOnly(Decision.NONE);
  }
}
