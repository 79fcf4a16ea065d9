package dev.switchboard.transcoding.vad;

import java.util.Arrays;

/**
 * Noise power of one band by minimum statistics (R. Martin, "Noise power spectral density
 * estimation based on optimal smoothing and minimum statistics", IEEE Trans. Speech Audio Proc.
 * 9(5), 2001), simplified: the floor is the minimum of the recursively smoothed band power over the
 * last {@code subWindows × subWindowBlocks} blocks, kept as per-sub-window minima so the cost is
 * O(1) per block.
 *
 * <p>Why minimum statistics and not a slow-rising floor: a minimum over a sliding window tracks a
 * rise in background noise within one window length whatever happened before, and it needs no
 * speech decision (which would feed the VAD's errors back into its own floor). Speech always has
 * low-energy gaps (stop closures, pauses between words) within a second or so, so the minimum stays
 * at the noise during talk. A new stream learns its floor from its first block; the floor falls as
 * soon as a quieter block arrives.
 *
 * <p>One addition: a band whose smoothed power has stayed steady (standard deviation under {@value
 * #STEADY_STD_DB} dB) for the last {@value #STEADY_BLOCKS} blocks is noise by definition, and its
 * floor jumps to that stretch's minimum at once. Speech bands move 6–20 dB within 300 ms
 * (syllables), so they never qualify; without this rule a new background (a caller unmuting in a
 * car) would read as speech for a whole minimum-statistics window, 1.3 s, before being learnt.
 */
final class NoiseFloorTracker {

  /**
   * Smoothing of the band power before taking minima: 0.6 per 10 ms block ≈ 20 ms time constant.
   */
  private static final double SMOOTHING = 0.6;

  static final int STEADY_BLOCKS = 30;
  static final double STEADY_STD_DB = 2.5;

  private final double[] subWindowMinima;

  /** Last {@link #STEADY_BLOCKS} smoothed powers, in dB, and their running sums. */
  private final double[] recentDb = new double[STEADY_BLOCKS];

  private int recentCount;
  private int recentNext;
  private double recentSum;
  private double recentSquareSum;
  private final int subWindowBlocks;
  private final double minimumPower;
  private int blocksInSubWindow;
  private int nextSlot;
  private double currentMinimum;
  private double smoothedPower;
  private boolean started;

  NoiseFloorTracker(int subWindows, int subWindowBlocks, double minimumPower) {
    this.subWindowMinima = new double[subWindows];
    this.subWindowBlocks = subWindowBlocks;
    this.minimumPower = minimumPower;
    reset();
  }

  /** Feeds one block's band power and returns the noise floor to compare it with. */
  double update(double power) {
    smoothedPower = started ? SMOOTHING * smoothedPower + (1 - SMOOTHING) * power : power;
    started = true;
    if (isSteady(smoothedPower)) {
      // Powers and minima in the window are at most a few dB apart; take the window's minimum.
      double steadyFloor = Math.pow(10, recentMinimumDb() / 10);
      Arrays.fill(subWindowMinima, steadyFloor);
      currentMinimum = steadyFloor;
    }
    currentMinimum = Math.min(currentMinimum, smoothedPower);
    double floor = currentMinimum;
    for (double m : subWindowMinima) {
      floor = Math.min(floor, m);
    }
    if (++blocksInSubWindow == subWindowBlocks) {
      subWindowMinima[nextSlot] = currentMinimum;
      nextSlot = (nextSlot + 1) % subWindowMinima.length;
      currentMinimum = Double.POSITIVE_INFINITY;
      blocksInSubWindow = 0;
    }
    return Math.max(floor, minimumPower);
  }

  /** Adds the block to the steadiness window; true when the window is full and steady. */
  private boolean isSteady(double power) {
    double db = 10 * Math.log10(Math.max(power, minimumPower));
    if (recentCount == STEADY_BLOCKS) {
      double old = recentDb[recentNext];
      recentSum -= old;
      recentSquareSum -= old * old;
    } else {
      recentCount++;
    }
    recentDb[recentNext] = db;
    recentNext = (recentNext + 1) % STEADY_BLOCKS;
    recentSum += db;
    recentSquareSum += db * db;
    if (recentCount < STEADY_BLOCKS) {
      return false;
    }
    double mean = recentSum / STEADY_BLOCKS;
    double variance = recentSquareSum / STEADY_BLOCKS - mean * mean;
    return variance < STEADY_STD_DB * STEADY_STD_DB;
  }

  private double recentMinimumDb() {
    double min = Double.POSITIVE_INFINITY;
    for (double db : recentDb) {
      min = Math.min(min, db);
    }
    return min;
  }

  void reset() {
    Arrays.fill(subWindowMinima, Double.POSITIVE_INFINITY);
    blocksInSubWindow = 0;
    nextSlot = 0;
    currentMinimum = Double.POSITIVE_INFINITY;
    smoothedPower = 0;
    started = false;
    recentCount = 0;
    recentNext = 0;
    recentSum = 0;
    recentSquareSum = 0;
  }
}
