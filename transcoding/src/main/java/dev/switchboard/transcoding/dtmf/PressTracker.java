package dev.switchboard.transcoding.dtmf;

import static dev.switchboard.transcoding.dtmf.GoertzelBank.BLOCK_SAMPLES;

import java.util.function.IntPredicate;

/**
 * Key-press state of a {@link DtmfDetector}: a run of candidate blocks for one key, then a press
 * until two blocks miss it. Times are estimated from tone amplitudes: a block only partly covered
 * by the tone carries proportionally less amplitude than the run's maximum, so the run's start and
 * end are placed within a block to a few samples.
 *
 * <p>Confined to its detector's thread, like the detector.
 */
final class PressTracker {

  private static final int END_GAP_BLOCKS = 2;

  /** Edge blocks with less than this fraction of the tone amplitude are taken as empty. */
  private static final double EDGE_FLOOR = 0.1;

  private final double minToneBlocks;

  /** Tone amplitude of the first blocks of the run (later blocks count as whole). */
  private final double[] runAmplitudes = new double[16];

  private int runKey = -1;
  private int runLength;
  private long runFirstBlock;
  private double leadAmplitude;
  private double maxAmplitude;
  private boolean pressed;
  private long startSample;
  private long lastOnBlock;
  private double lastOnAmplitude;
  private double tailAmplitude;
  private int gapBlocks;

  PressTracker(double minToneBlocks) {
    this.minToneBlocks = minToneBlocks;
  }

  int key() {
    return runKey;
  }

  DtmfEvent candidate(
      int key, long block, double amplitude, double previousAmplitude, IntPredicate acceptable) {
    if (pressed) {
      if (key == runKey) {
        onAgain(block, amplitude);
        return null;
      }
      return miss(block, 0);
    }
    if (key != runKey) {
      reset();
      runKey = key;
      runFirstBlock = block;
      leadAmplitude = previousAmplitude;
    }
    if (runLength < runAmplitudes.length) {
      runAmplitudes[runLength] = amplitude;
    }
    runLength++;
    maxAmplitude = Math.max(maxAmplitude, amplitude);
    if (runLength >= 2 && coveredBlocks() >= minToneBlocks && acceptable.test(key)) {
      pressed = true;
      double firstCoverage = coverage(runAmplitudes[0]);
      startSample =
          Math.round((runFirstBlock + 1 - firstCoverage - coverage(leadAmplitude)) * BLOCK_SAMPLES);
      onAgain(block, amplitude);
      return DtmfEvent.started(DtmfEvent.DIGITS.charAt(runKey), Math.max(0, startSample));
    }
    return null;
  }

  /** A block that is not (or no longer) this press's key, with the key's amplitude in it. */
  DtmfEvent miss(long block, double keyAmplitude) {
    if (!pressed) {
      reset();
      return null;
    }
    if (++gapBlocks == 1) {
      tailAmplitude = keyAmplitude;
    }
    if (gapBlocks < END_GAP_BLOCKS) {
      return null;
    }
    DtmfEvent end = endEvent();
    reset();
    return end;
  }

  DtmfEvent flush() {
    if (!pressed) {
      return null;
    }
    DtmfEvent end = endEvent();
    reset();
    return end;
  }

  private void onAgain(long block, double amplitude) {
    lastOnBlock = block;
    lastOnAmplitude = amplitude;
    maxAmplitude = Math.max(maxAmplitude, amplitude);
    gapBlocks = 0;
    tailAmplitude = 0;
  }

  private DtmfEvent endEvent() {
    double end = lastOnBlock + coverage(lastOnAmplitude) + coverage(tailAmplitude);
    long endSample = Math.round(end * BLOCK_SAMPLES);
    return new DtmfEvent(
        DtmfEvent.DIGITS.charAt(runKey),
        Math.max(0, startSample),
        Math.max(0, endSample - startSample));
  }

  private double coverage(double amplitude) {
    double c = Math.min(1, amplitude / maxAmplitude);
    return c < EDGE_FLOOR ? 0 : c;
  }

  private double coveredBlocks() {
    int stored = Math.min(runLength, runAmplitudes.length);
    double sum = runLength - stored + coverage(leadAmplitude);
    for (int i = 0; i < stored; i++) {
      sum += coverage(runAmplitudes[i]);
    }
    return sum;
  }

  void reset() {
    runKey = -1;
    runLength = 0;
    maxAmplitude = 0;
    leadAmplitude = 0;
    pressed = false;
    gapBlocks = 0;
    tailAmplitude = 0;
  }
}
