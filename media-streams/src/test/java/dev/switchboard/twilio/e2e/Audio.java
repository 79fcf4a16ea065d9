package dev.switchboard.twilio.e2e;

/** Tone analysis for the end-to-end tests: least-squares sine fit and SNR. Stateless. */
final class Audio {

  private Audio() {}

  /**
   * SNR in dB of a pure tone at {@code freqHz} in {@code s[off, off+len)}: the least-squares fit of
   * a sine and cosine at that frequency is the signal, the residual is noise and distortion.
   */
  static double toneSnrDb(short[] s, int off, int len, double freqHz, int rateHz) {
    double sc = 0;
    double ss = 0;
    double cc = 0;
    double ys = 0;
    double yc = 0;
    for (int i = 0; i < len; i++) {
      double w = 2 * Math.PI * freqHz * i / rateHz;
      double si = Math.sin(w);
      double co = Math.cos(w);
      double y = s[off + i];
      ss += si * si;
      cc += co * co;
      sc += si * co;
      ys += y * si;
      yc += y * co;
    }
    double det = ss * cc - sc * sc;
    double a = (ys * cc - yc * sc) / det;
    double b = (yc * ss - ys * sc) / det;
    double sig = 0;
    double err = 0;
    for (int i = 0; i < len; i++) {
      double w = 2 * Math.PI * freqHz * i / rateHz;
      double fit = a * Math.sin(w) + b * Math.cos(w);
      double d = s[off + i] - fit;
      sig += fit * fit;
      err += d * d;
    }
    return err == 0 ? 150 : 10 * Math.log10(sig / err);
  }

  /** Index of the first 20 ms window whose RMS exceeds {@code minDbfs}, or -1. */
  static int firstLoudWindow(short[] s, int rateHz, double minDbfs) {
    int win = rateHz / 50;
    for (int i = 0; i + win <= s.length; i += win) {
      if (dev.switchboard.testkit.Tones.levelDbfs(s, i, win) > minDbfs) {
        return i;
      }
    }
    return -1;
  }

  /** Samples of windows (20 ms) where {@code freqHz} is present above {@code minDb}. */
  static int toneSamples(short[] s, int rateHz, double freqHz, double minDb) {
    int win = rateHz / 50;
    int n = 0;
    for (int i = 0; i + win <= s.length; i += win) {
      if (dev.switchboard.testkit.Tones.goertzelDb(s, i, win, freqHz, rateHz) > minDb) {
        n += win;
      }
    }
    return n;
  }
}
