package dev.switchboard.transcoding.resample;

import java.util.Random;

/**
 * Analytic test signals, evaluated exactly (in double) at any rate and time offset. A resampler's
 * output at rate {@code fOut} is compared with the same signal sampled directly at {@code fOut} and
 * delayed by the filter's group delay: the ideal band-limited answer, no 16-bit rounding involved.
 */
final class TestSignals {

  private TestSignals() {}

  /** A continuous-time signal. */
  interface Signal {
    /**
     * {@code count} samples at {@code rateHz} of the signal delayed by {@code delaySeconds}: sample
     * n is the value at time {@code n / rateHz − delaySeconds}.
     */
    double[] sample(int rateHz, int count, double delaySeconds);
  }

  /** A sum of sinusoids: strictly band-limited to its highest frequency. */
  record SumOfSines(double[] frequencyHz, double[] amplitude, double[] phase) implements Signal {

    @Override
    public double[] sample(int rateHz, int count, double delaySeconds) {
      double[] out = new double[count];
      for (int k = 0; k < frequencyHz.length; k++) {
        double w = 2 * Math.PI * frequencyHz[k] / rateHz;
        // Rotate a phasor instead of calling sin per sample; re-anchor every 1024 samples so the
        // rounding error of the recurrence stays far below the −90 dB being measured.
        for (int start = 0; start < count; start += 1024) {
          double angle = phase[k] + w * start - 2 * Math.PI * frequencyHz[k] * delaySeconds;
          double re = Math.cos(angle);
          double im = Math.sin(angle);
          double stepRe = Math.cos(w);
          double stepIm = Math.sin(w);
          for (int n = start; n < Math.min(count, start + 1024); n++) {
            out[n] += amplitude[k] * im;
            double nextRe = re * stepRe - im * stepIm;
            im = re * stepIm + im * stepRe;
            re = nextRe;
          }
        }
      }
      return out;
    }
  }

  /**
   * The same sinusoids moved to the nearest multiple of {@code gridHz}: on a window of exactly
   * {@code 1/gridHz} seconds every component (and every image or alias of it) then falls on a DFT
   * bin, so spectra can be measured without window leakage.
   */
  static SumOfSines onGrid(SumOfSines s, double gridHz) {
    double[] f = s.frequencyHz().clone();
    for (int k = 0; k < f.length; k++) {
      f[k] = Math.max(gridHz, Math.round(f[k] / gridHz) * gridHz);
    }
    return new SumOfSines(f, s.amplitude(), s.phase());
  }

  /** A few tones of equal amplitude spread up to {@code maxHz}, total peak ≤ {@code peak}. */
  static SumOfSines multiTone(double maxHz, double peak) {
    double[] f = {
      0.03 * maxHz,
      0.09 * maxHz,
      0.21 * maxHz,
      0.37 * maxHz,
      0.52 * maxHz,
      0.68 * maxHz,
      0.83 * maxHz,
      0.94 * maxHz,
      maxHz
    };
    double[] a = new double[f.length];
    double[] p = new double[f.length];
    for (int k = 0; k < f.length; k++) {
      a[k] = peak / f.length;
      p[k] = 0.7 * k * k;
    }
    return new SumOfSines(f, a, p);
  }

  /**
   * Band-limited noise with a speech-like spectral tilt: {@code count} sinusoids at random
   * frequencies in [{@code minHz}, {@code maxHz}], random phases, amplitude falling as 1/√f (about
   * −3 dB per octave), scaled to the given RMS.
   */
  static SumOfSines noise(long seed, int count, double minHz, double maxHz, double rms) {
    Random random = new Random(seed);
    double[] f = new double[count];
    double[] a = new double[count];
    double[] p = new double[count];
    double power = 0;
    for (int k = 0; k < count; k++) {
      f[k] = minHz + (maxHz - minHz) * random.nextDouble();
      a[k] = 1 / Math.sqrt(f[k]);
      p[k] = 2 * Math.PI * random.nextDouble();
      power += a[k] * a[k] / 2;
    }
    double scale = rms / Math.sqrt(power);
    for (int k = 0; k < count; k++) {
      a[k] *= scale;
    }
    return new SumOfSines(f, a, p);
  }

  /**
   * The speech-like signal of the benchmarks ({@code bench/.../SpeechLikeSignal} and {@code
   * bench/speexdsp/speex_bench.c}), written as a sum of sines so it can be sampled exactly: a 140
   * Hz voiced source with harmonics to 3.4 kHz, two formant bumps and a 4 Hz syllabic envelope
   * ({@code ½(1 − cos 2π·4t)·sin θ = ½ sin θ − ¼ sin(θ + 2π·4t) − ¼ sin(θ − 2π·4t)}).
   */
  static SumOfSines voiced() {
    double f0 = 140;
    int harmonics = (int) (3400 / f0);
    double norm = 0;
    for (int k = 1; k <= harmonics; k++) {
      norm += formantWeight(k * f0) / k;
    }
    double[] f = new double[3 * harmonics];
    double[] a = new double[f.length];
    double[] p = new double[f.length];
    for (int k = 1; k <= harmonics; k++) {
      double w = 9000 * formantWeight(k * f0) / k / norm;
      int i = 3 * (k - 1);
      f[i] = k * f0;
      f[i + 1] = k * f0 + 4;
      f[i + 2] = k * f0 - 4;
      a[i] = w / 2;
      a[i + 1] = -w / 4;
      a[i + 2] = -w / 4;
      p[i] = p[i + 1] = p[i + 2] = 0.5 * k * k;
    }
    return new SumOfSines(f, a, p);
  }

  private static double formantWeight(double hz) {
    return 1
        + 3 * Math.exp(-Math.pow((hz - 700) / 150, 2))
        + 2 * Math.exp(-Math.pow((hz - 1200) / 200, 2));
  }

  /**
   * A linear sweep {@code f(t) = f0 + (f1 − f0)·t / T}, defined for all t (so it has no onset);
   * measure it where its instantaneous frequency is inside the band of interest.
   */
  record Chirp(double f0Hz, double f1Hz, double durationSeconds, double amplitude)
      implements Signal {

    @Override
    public double[] sample(int rateHz, int count, double delaySeconds) {
      double rate = (f1Hz - f0Hz) / durationSeconds;
      double[] out = new double[count];
      for (int n = 0; n < count; n++) {
        double t = (double) n / rateHz - delaySeconds;
        out[n] = amplitude * Math.sin(2 * Math.PI * (f0Hz * t + rate * t * t / 2));
      }
      return out;
    }
  }

  static float[] toFloat(double[] x) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (float) x[i];
    }
    return out;
  }

  /** 10·log10(Σ ref² / Σ (actual − ref)²) over [from, to). */
  static double snrDb(float[] actual, double[] reference, int from, int to) {
    double signal = 0;
    double error = 0;
    for (int n = from; n < to; n++) {
      signal += reference[n] * reference[n];
      double e = actual[n] - reference[n];
      error += e * e;
    }
    return 10 * Math.log10(signal / error);
  }

  static double energy(float[] x, int from, int to) {
    double sum = 0;
    for (int n = from; n < to; n++) {
      sum += (double) x[n] * x[n];
    }
    return sum;
  }
}
