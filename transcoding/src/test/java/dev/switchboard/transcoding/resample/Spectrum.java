package dev.switchboard.transcoding.resample;

/**
 * Plain DFT measurements on a window whose components all fall on bins (see {@link
 * TestSignals#onGrid}): no FFT needed at these sizes, no window function, no leakage.
 */
final class Spectrum {

  private final double[] cos;
  private final double[] sin;
  private final float[] x;
  private final int from;
  private final int length;
  private final int rateHz;

  /** The window {@code x[from .. from + length)} sampled at {@code rateHz}. */
  Spectrum(float[] x, int from, int length, int rateHz) {
    this.x = x;
    this.from = from;
    this.length = length;
    this.rateHz = rateHz;
    this.cos = new double[length];
    this.sin = new double[length];
    for (int n = 0; n < length; n++) {
      cos[n] = Math.cos(2 * Math.PI * n / length);
      sin[n] = Math.sin(2 * Math.PI * n / length);
    }
  }

  private double binPower(int k) {
    double re = 0;
    double im = 0;
    int index = 0;
    for (int n = 0; n < length; n++) {
      re += x[from + n] * cos[index];
      im -= x[from + n] * sin[index];
      index += k;
      if (index >= length) {
        index -= length;
      }
    }
    return re * re + im * im;
  }

  /** Peak amplitude of the component at {@code frequencyHz} (which must be on a bin). */
  double amplitudeAt(double frequencyHz) {
    int k = (int) Math.round(frequencyHz * length / rateHz);
    return 2 * Math.sqrt(binPower(k)) / length;
  }

  /** Energy (Σx² share, by Parseval) of all bins at or above {@code hz}, up to Nyquist. */
  double energyAbove(double hz) {
    double sum = 0;
    for (int k = (int) Math.ceil(hz * length / rateHz); 2 * k <= length; k++) {
      double weight = (k == 0 || 2 * k == length) ? 1 : 2;
      sum += weight * binPower(k);
    }
    return sum / length;
  }
}
