package dev.switchboard.transcoding.vad;

/**
 * One second-order IIR section (transposed direct form II), designed with the bilinear-transform
 * formulas of R. Bristow-Johnson's "Audio EQ Cookbook" at the stream's own sample rate.
 */
final class Biquad {

  private final double b0;
  private final double b1;
  private final double b2;
  private final double a1;
  private final double a2;
  private double z1;
  private double z2;

  private Biquad(double b0, double b1, double b2, double a0, double a1, double a2) {
    this.b0 = b0 / a0;
    this.b1 = b1 / a0;
    this.b2 = b2 / a0;
    this.a1 = a1 / a0;
    this.a2 = a2 / a0;
  }

  /** Butterworth (Q = 1/√2) high-pass at {@code cornerHz}. */
  static Biquad highPass(double cornerHz, int sampleRateHz) {
    double w0 = 2 * Math.PI * cornerHz / sampleRateHz;
    double cos = Math.cos(w0);
    double alpha = Math.sin(w0) / (2 * Math.sqrt(0.5));
    return new Biquad((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
  }

  /** Butterworth (Q = 1/√2) low-pass at {@code cornerHz}. */
  static Biquad lowPass(double cornerHz, int sampleRateHz) {
    double w0 = 2 * Math.PI * cornerHz / sampleRateHz;
    double cos = Math.cos(w0);
    double alpha = Math.sin(w0) / (2 * Math.sqrt(0.5));
    return new Biquad((1 - cos) / 2, 1 - cos, (1 - cos) / 2, 1 + alpha, -2 * cos, 1 - alpha);
  }

  /**
   * Filters {@code x[0..n)} in place; state lives in locals for the loop (no memory round trip).
   */
  void filter(double[] x, int n) {
    double s1 = z1;
    double s2 = z2;
    for (int i = 0; i < n; i++) {
      double in = x[i];
      double y = b0 * in + s1;
      s1 = b1 * in - a1 * y + s2;
      s2 = b2 * in - a2 * y;
      x[i] = y;
    }
    z1 = s1;
    z2 = s2;
  }

  void reset() {
    z1 = 0;
    z2 = 0;
  }
}
