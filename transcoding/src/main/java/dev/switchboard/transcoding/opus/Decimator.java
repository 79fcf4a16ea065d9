package dev.switchboard.transcoding.opus;

/**
 * Streaming integer-factor decimator from 48 kHz to 24, 16, 12 or 8 kHz: a Kaiser-windowed sinc
 * low-pass FIR (β = 7, about 70 dB stop-band) evaluated only at the kept samples.
 *
 * <p>Exists because Concentus 1.0.2 decodes hybrid-mode packets (TOC configs 12–15, which every
 * browser sends at fullband) to silence when the decoder runs below 48 kHz: it applies libopus'
 * fixed-point-only {@code celt_accum} shortcut in its floating-point port (lostromb/concentus issue
 * #67). Decoding at 48 kHz and decimating here sidesteps it for every mode.
 *
 * <p>Pass band to 0.4 × output rate (9.6 kHz at 24 kHz, 3.2 kHz at 8 kHz), stop band from 0.5 ×
 * output rate; delay {@link #delaySamples48k()} input samples, which is 24 output samples at every
 * factor (1 ms at 24 kHz, 3 ms at 8 kHz). Frames must hold a whole number of output samples, which
 * every Opus frame does (2.5 ms = 120 samples at 48 kHz). State is kept between frames; one
 * instance per stream.
 */
final class Decimator {

  private static final double KAISER_BETA = 7.0;

  private final int factor;
  private final float[] taps;
  private final float[] history;
  private float[] work = new float[0];

  Decimator(int outputRateHz) {
    if (48_000 % outputRateHz != 0 || 48_000 / outputRateHz < 2) {
      throw new IllegalArgumentException("cannot decimate 48000 Hz to " + outputRateHz + " Hz");
    }
    factor = 48_000 / outputRateHz;
    taps = design(factor);
    history = new float[taps.length - 1];
  }

  /** Group delay at the 48 kHz input rate. */
  int delaySamples48k() {
    return (taps.length - 1) / 2;
  }

  /** Decimates {@code length} samples of {@code in} (48 kHz), returning the output-rate samples. */
  short[] process(short[] in, int length) {
    if (length % factor != 0) {
      throw new IllegalArgumentException(
          length + " samples at 48000 Hz is not a multiple of the decimation factor " + factor);
    }
    int n = taps.length;
    int keep = history.length;
    if (work.length < keep + length) {
      work = new float[keep + length]; // grows once to the longest frame seen
    }
    System.arraycopy(history, 0, work, 0, keep);
    for (int i = 0; i < length; i++) {
      work[keep + i] = in[i];
    }
    short[] out = new short[length / factor];
    for (int o = 0; o < out.length; o++) {
      // Output o is aligned with input sample (o + 1) * factor - 1 (the newest in its window).
      int end = (o + 1) * factor - 1 + keep;
      double acc = 0;
      for (int k = 0; k < n; k++) {
        acc += taps[k] * work[end - k];
      }
      long rounded = Math.round(acc);
      out[o] = (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, rounded));
    }
    System.arraycopy(work, length, history, 0, keep);
    return out;
  }

  private static float[] design(int factor) {
    int n = 48 * factor + 1; // Kaiser estimate for ~70 dB over a 0.1 × output-rate transition
    double cutoff = 0.45 / factor; // cycles per input sample, mid-transition
    double mid = (n - 1) / 2.0;
    double[] h = new double[n];
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double x = i - mid;
      double sinc = x == 0 ? 1 : Math.sin(2 * Math.PI * cutoff * x) / (2 * Math.PI * cutoff * x);
      double r = x / mid;
      double window = besselI0(KAISER_BETA * Math.sqrt(1 - r * r)) / besselI0(KAISER_BETA);
      h[i] = 2 * cutoff * sinc * window;
      sum += h[i];
    }
    float[] taps = new float[n];
    for (int i = 0; i < n; i++) {
      taps[i] = (float) (h[i] / sum); // unity gain at DC
    }
    return taps;
  }

  /** Modified Bessel function of the first kind, order 0 (power series). */
  private static double besselI0(double x) {
    double term = 1;
    double sum = 1;
    for (int k = 1; k < 50 && term > 1e-12 * sum; k++) {
      term *= (x / (2 * k)) * (x / (2 * k));
      sum += term;
    }
    return sum;
  }
}
