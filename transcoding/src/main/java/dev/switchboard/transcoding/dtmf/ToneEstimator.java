package dev.switchboard.transcoding.dtmf;

/**
 * Precise frequency and level of one tone in a short window, for the acceptance tests that only
 * candidate blocks pay for: a Hann-windowed DFT searched over ±{@value #SEARCH_PERCENT} % around
 * the nominal frequency, in 1 % steps and then {@value #STEP_PERCENT} % steps around the best.
 *
 * <p>Why a window and a search, not the per-block Goertzel value: with a rectangular window the
 * other group's tone leaks into the bin (±1 dB at 8 dB twist) and a tone 1.5 % off frequency reads
 * up to 1.4 dB low; both would blur the Q.24 twist limits. The Hann window puts the other group (≥
 * 268 Hz away, 6.8 bins of a 204-sample window) under −50 dB, and the search finds the peak, so
 * level is within about 0.2 dB and frequency within 0.15 %.
 */
final class ToneEstimator {

  static final double SEARCH_PERCENT = 6.0;
  static final double STEP_PERCENT = 0.25;

  private final double[] window;
  private final double windowSum;
  private final double windowSquareSum;
  private final double[] weighted;

  ToneEstimator(int samples) {
    window = new double[samples];
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < samples; i++) {
      window[i] = 0.5 - 0.5 * Math.cos(2 * Math.PI * (i + 0.5) / samples);
      sum += window[i];
      squares += window[i] * window[i];
    }
    windowSum = sum;
    windowSquareSum = squares;
    weighted = new double[samples];
  }

  /** Loads a window of samples: the last {@code first.length + second.length} of the stream. */
  void load(short[] first, short[] second) {
    int n = 0;
    for (short s : first) {
      weighted[n] = s * window[n];
      n++;
    }
    for (short s : second) {
      weighted[n] = s * window[n];
      n++;
    }
  }

  /** Mean power of the loaded window, weighted like the tone estimates so ratios are fair. */
  double windowPower() {
    double sum = 0;
    for (double w : weighted) {
      sum += w * w;
    }
    return sum / windowSquareSum;
  }

  /** Sine power (A²/2) at exactly {@code frequencyHz}. */
  double powerAt(double frequencyHz) {
    double omega = 2 * Math.PI * frequencyHz / GoertzelBank.SAMPLE_RATE_HZ;
    double coefficient = 2 * Math.cos(omega);
    double s1 = 0;
    double s2 = 0;
    for (double x : weighted) {
      double s = x + coefficient * s1 - s2;
      s2 = s1;
      s1 = s;
    }
    double re = s1 - Math.cos(omega) * s2;
    double im = Math.sin(omega) * s2;
    // A Hann-windowed sine of amplitude A peaks at |X| = A·Σw/2, so A²/2 = 2|X|²/(Σw)².
    return 2 * (re * re + im * im) / (windowSum * windowSum);
  }

  /**
   * Finds the strongest frequency within ±{@value #SEARCH_PERCENT} % of {@code nominalHz}.
   *
   * @return {@code {deviationPercent, power}}
   */
  double[] peakNear(double nominalHz) {
    // Coarse 1 % steps, then 0.25 % around the best: the Hann main lobe of a 204-sample window is
    // ±78 Hz wide, so the coarse maximum is always on the right slope.
    double best = searchBest(nominalHz, -SEARCH_PERCENT, SEARCH_PERCENT, 1.0);
    double fine = searchBest(nominalHz, best - 0.75, best + 0.75, STEP_PERCENT);
    return new double[] {fine, powerAt(nominalHz * (1 + fine / 100))};
  }

  private double searchBest(double nominalHz, double fromPercent, double toPercent, double step) {
    double bestPower = -1;
    double bestPercent = 0;
    for (double percent = fromPercent; percent <= toPercent + 1e-9; percent += step) {
      double p = powerAt(nominalHz * (1 + percent / 100));
      if (p > bestPower) {
        bestPower = p;
        bestPercent = percent;
      }
    }
    return bestPercent;
  }
}
