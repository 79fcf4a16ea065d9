package dev.switchboard.bench;

import dev.switchboard.transcoding.PcmFrame;
import java.util.SplittableRandom;

/**
 * Synthetic input for the benchmarks, so they need no test resources: speech-like bursts (a 110–160
 * Hz harmonic series with a 4 Hz envelope, 300 ms on, 200 ms off) over −45 dBFS noise, and DTMF
 * digits. Deterministic (fixed seed) so runs are comparable.
 */
final class BenchSignals {

  private BenchSignals() {}

  /** {@code seconds} of speech-like signal cut into 20 ms frames at {@code sampleRateHz}. */
  static PcmFrame[] speechLike(int sampleRateHz, int seconds) {
    SplittableRandom random = new SplittableRandom(42);
    int total = sampleRateHz * seconds;
    short[] all = new short[total];
    double phase = 0;
    for (int i = 0; i < total; i++) {
      double t = (double) i / sampleRateHz;
      double inBurst = (t % 0.5) < 0.3 ? 1 : 0;
      double f0 = 110 + 50 * Math.sin(2 * Math.PI * 0.7 * t);
      phase += 2 * Math.PI * f0 / sampleRateHz;
      double voiced = 0;
      for (int h = 1; h * f0 < Math.min(3800, sampleRateHz / 2.0); h++) {
        voiced += Math.sin(h * phase) / h;
      }
      double envelope = inBurst * (0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t));
      double noise = (random.nextDouble() * 2 - 1) * 32768 * 0.0056 * Math.sqrt(3);
      all[i] = (short) Math.max(-32768, Math.min(32767, 3000 * envelope * voiced + noise));
    }
    return cut(all, sampleRateHz);
  }

  /** Digits 0–9 at −10 dBm0 per tone, 60 ms on and 60 ms off, over the same noise, at 8 kHz. */
  static PcmFrame[] dtmfDigits() {
    double[] rows = {941, 697, 697, 697, 770, 770, 770, 852, 852, 852};
    double[] cols = {1336, 1209, 1336, 1477, 1209, 1336, 1477, 1209, 1336, 1477};
    short[] all = new short[10 * 960];
    double amplitude = 22652 * Math.pow(10, -10 / 20.0);
    for (int d = 0; d < 10; d++) {
      for (int i = 0; i < 480; i++) {
        double t = i / 8000.0;
        all[d * 960 + i] =
            (short)
                (amplitude * Math.sin(2 * Math.PI * rows[d] * t)
                    + amplitude * Math.sin(2 * Math.PI * cols[d] * t));
      }
    }
    return cut(all, 8000);
  }

  private static PcmFrame[] cut(short[] all, int sampleRateHz) {
    int n = sampleRateHz / 50;
    PcmFrame[] frames = new PcmFrame[all.length / n];
    for (int f = 0; f < frames.length; f++) {
      short[] s = new short[n];
      System.arraycopy(all, f * n, s, 0, n);
      frames[f] = new PcmFrame(s, sampleRateHz);
    }
    return frames;
  }

  /** The least work any detector does on a frame: its energy. The benchmarks' baseline. */
  static double energy(PcmFrame frame) {
    double sum = 0;
    for (short s : frame.samples()) {
      sum += (double) s * s;
    }
    return sum;
  }
}
