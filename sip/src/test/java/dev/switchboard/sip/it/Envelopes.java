package dev.switchboard.sip.it;

/**
 * Compares two recordings by their loudness over time (20 ms frames), so a caller's speech can be
 * recognised in what the backend received after μ-law, resampling and an unknown start offset.
 * Stateless.
 */
final class Envelopes {

  static final int FRAME_MILLIS = 20;

  private Envelopes() {}

  /** RMS per 20 ms frame, in dB (floor −90). */
  static double[] of(short[] s, int sampleRateHz) {
    int frame = sampleRateHz * FRAME_MILLIS / 1000;
    double[] out = new double[s.length / frame];
    for (int f = 0; f < out.length; f++) {
      double acc = 0;
      for (int i = f * frame; i < (f + 1) * frame; i++) {
        acc += (double) s[i] * s[i];
      }
      double ms = acc / frame / (32768.0 * 32768.0);
      out[f] = Math.max(-90, 10 * Math.log10(ms + 1e-12));
    }
    return out;
  }

  /**
   * Highest Pearson correlation of {@code b} shifted by up to ±{@code maxLagMillis} against {@code
   * a}, over their overlap.
   */
  static double bestCorrelation(double[] a, double[] b, int maxLagMillis) {
    int maxLag = maxLagMillis / FRAME_MILLIS;
    double best = -1;
    for (int lag = -maxLag; lag <= maxLag; lag++) {
      best = Math.max(best, correlation(a, b, lag));
    }
    return best;
  }

  private static double correlation(double[] a, double[] b, int lag) {
    int from = Math.max(0, -lag);
    int to = Math.min(a.length, b.length - lag);
    int n = to - from;
    if (n < 50) {
      return -1;
    }
    double ma = 0;
    double mb = 0;
    for (int i = from; i < to; i++) {
      ma += a[i];
      mb += b[i + lag];
    }
    ma /= n;
    mb /= n;
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = from; i < to; i++) {
      double da = a[i] - ma;
      double db = b[i + lag] - mb;
      sab += da * db;
      saa += da * da;
      sbb += db * db;
    }
    return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
  }
}
