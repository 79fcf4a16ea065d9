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
 */
final class NoiseFloorTracker {

  /**
   * Smoothing of the band power before taking minima: 0.6 per 10 ms block ≈ 20 ms time constant.
   */
  private static final double SMOOTHING = 0.6;

  private final double[] subWindowMinima;
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

  void reset() {
    Arrays.fill(subWindowMinima, Double.POSITIVE_INFINITY);
    blocksInSubWindow = 0;
    nextSlot = 0;
    currentMinimum = Double.POSITIVE_INFINITY;
    smoothedPower = 0;
    started = false;
  }
}
