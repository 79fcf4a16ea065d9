package dev.switchboard.transcoding.testing;

import dev.switchboard.transcoding.PcmFrame;
import java.util.ArrayList;
import java.util.List;

/** Test signals and the measurements used to judge codecs by content, not by bytes. */
public final class Signals {

  private Signals() {}

  public static short[] tone(double freqHz, int rateHz, int samples, double amplitude) {
    short[] out = new short[samples];
    for (int i = 0; i < samples; i++) {
      out[i] = (short) Math.round(amplitude * 32767 * Math.sin(2 * Math.PI * freqHz * i / rateHz));
    }
    return out;
  }

  /**
   * A voiced-speech-like signal: a gliding 110–170 Hz fundamental with harmonics up to 3.4 kHz
   * shaped by two formants (≈600 Hz and ≈1.8 kHz), amplitude-modulated at a syllabic 4 Hz.
   */
  public static short[] speechLike(int rateHz, int samples) {
    short[] out = new short[samples];
    double phase = 0;
    for (int i = 0; i < samples; i++) {
      double t = (double) i / rateHz;
      double f0 = 140 + 30 * Math.sin(2 * Math.PI * 1.3 * t);
      phase += 2 * Math.PI * f0 / rateHz;
      double v = 0;
      for (int h = 1; h * f0 < Math.min(3400, rateHz / 2.0 - 200); h++) {
        double f = h * f0;
        double formants =
            1.0 / (1 + Math.pow((f - 600) / 250, 2)) + 0.5 / (1 + Math.pow((f - 1800) / 350, 2));
        v += formants * Math.sin(h * phase) / h;
      }
      double envelope = 0.55 + 0.45 * Math.sin(2 * Math.PI * 4 * t);
      out[i] = (short) Math.round(9000 * envelope * v);
    }
    return out;
  }

  public static List<PcmFrame> frames(short[] signal, int frameSamples, int rateHz) {
    List<PcmFrame> out = new ArrayList<>();
    for (int off = 0; off + frameSamples <= signal.length; off += frameSamples) {
      short[] f = new short[frameSamples];
      System.arraycopy(signal, off, f, 0, frameSamples);
      out.add(new PcmFrame(f, rateHz));
    }
    return out;
  }

  public static short[] concat(List<PcmFrame> frames) {
    int n = frames.stream().mapToInt(PcmFrame::sampleCount).sum();
    short[] out = new short[n];
    int off = 0;
    for (PcmFrame f : frames) {
      System.arraycopy(f.samples(), 0, out, off, f.sampleCount());
      off += f.sampleCount();
    }
    return out;
  }

  /**
   * Tone-to-residual ratio in dB over {@code [from, to)}: least-squares fit of a sinusoid at {@code
   * freqHz} (any phase, so codec delay does not matter) against everything else.
   */
  public static double toneSnrDb(short[] x, int from, int to, double freqHz, int rateHz) {
    double ss = 0, sc = 0, cc = 0, xs = 0, xc = 0, total = 0;
    for (int i = from; i < to; i++) {
      double w = 2 * Math.PI * freqHz * i / rateHz;
      double s = Math.sin(w), c = Math.cos(w);
      ss += s * s;
      cc += c * c;
      sc += s * c;
      xs += x[i] * s;
      xc += x[i] * c;
      total += (double) x[i] * x[i];
    }
    double det = ss * cc - sc * sc;
    double a = (xs * cc - xc * sc) / det;
    double b = (xc * ss - xs * sc) / det;
    double fitted = a * xs + b * xc; // energy explained by the sinusoid
    return 10 * Math.log10(fitted / Math.max(total - fitted, 1e-9));
  }

  /** Frequency (Hz, 10 Hz resolution) with the largest Goertzel power in {@code [lo, hi]}. */
  public static double peakFrequencyHz(short[] x, int from, int to, int rateHz, int lo, int hi) {
    double best = -1;
    int bestF = lo;
    for (int f = lo; f <= hi; f += 10) {
      double p = goertzelPower(x, from, to, f, rateHz);
      if (p > best) {
        best = p;
        bestF = f;
      }
    }
    return bestF;
  }

  public static double goertzelPower(short[] x, int from, int to, double freqHz, int rateHz) {
    double coeff = 2 * Math.cos(2 * Math.PI * freqHz / rateHz);
    double s1 = 0, s2 = 0;
    for (int i = from; i < to; i++) {
      double s0 = x[i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    return s1 * s1 + s2 * s2 - coeff * s1 * s2;
  }

  /**
   * Lag in {@code [0, maxLag]} at which {@code y} best matches {@code x} ({@code y[i+lag]≈x[i]}).
   */
  public static int bestLag(short[] x, short[] y, int from, int to, int maxLag) {
    int best = 0;
    double bestCorr = Double.NEGATIVE_INFINITY;
    for (int lag = 0; lag <= maxLag; lag++) {
      double c = correlation(x, y, lag, from, to);
      if (c > bestCorr) {
        bestCorr = c;
        best = lag;
      }
    }
    return best;
  }

  /**
   * Normalised cross-correlation of {@code x[i]} and {@code y[i + lag]} over {@code [from, to)}.
   */
  public static double correlation(short[] x, short[] y, int lag, int from, int to) {
    double xy = 0, xx = 0, yy = 0;
    for (int i = from; i < to && i + lag < y.length; i++) {
      xy += (double) x[i] * y[i + lag];
      xx += (double) x[i] * x[i];
      yy += (double) y[i + lag] * y[i + lag];
    }
    return xy / Math.sqrt(Math.max(xx * yy, 1e-9));
  }

  /** Sample SNR in dB of {@code y[i + lag]} against {@code x[i]} over {@code [from, to)}. */
  public static double snrDb(short[] x, short[] y, int lag, int from, int to) {
    double signal = 0, noise = 0;
    for (int i = from; i < to; i++) {
      double d = x[i] - y[i + lag];
      signal += (double) x[i] * x[i];
      noise += d * d;
    }
    return 10 * Math.log10(signal / Math.max(noise, 1e-9));
  }

  public static double rms(short[] x, int from, int to) {
    double e = 0;
    for (int i = from; i < to; i++) {
      e += (double) x[i] * x[i];
    }
    return Math.sqrt(e / Math.max(1, to - from));
  }
}
