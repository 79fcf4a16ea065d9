package dev.switchboard.bridge.bargein;

/** Level arithmetic shared by the barge-in stages. */
final class Levels {

  static final double SILENCE_DBFS = -120;

  private Levels() {}

  /** RMS level in dBFS of {@code energy} = mean of squares of samples scaled to [-1, 1]. */
  static double dbfs(double meanSquare) {
    return meanSquare <= 1e-12 ? SILENCE_DBFS : 10 * Math.log10(meanSquare);
  }

  static double meanSquare(short[] s) {
    double acc = 0;
    for (short v : s) {
      acc += (double) v * v;
    }
    return s.length == 0 ? 0 : acc / s.length / (32768.0 * 32768.0);
  }

  static double meanSquare(float[] s, int off, int len) {
    double acc = 0;
    for (int i = off; i < off + len; i++) {
      acc += (double) s[i] * s[i];
    }
    return len == 0 ? 0 : acc / len;
  }
}
