package dev.switchboard.local.audio;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;

/**
 * Interim streaming upsampler by an integer factor (8→16 kHz for the recogniser, 8→24 kHz for
 * output) until the transcoding module's polyphase {@code Resamplers} lands on main. Zero-stuffing
 * plus a Blackman-windowed sinc lowpass at the input Nyquist, run as {@code factor} polyphase
 * branches; history carries across frames so 20 ms chunks do not click.
 */
final class IntegerUpsampler implements Resampler {

  private static final int TAPS_PER_PHASE = 24;

  private final int inputRateHz;
  private final int factor;
  private final float[][] phases;
  private final float[] history = new float[TAPS_PER_PHASE];

  IntegerUpsampler(int inputRateHz, int factor) {
    if (factor < 2 || factor > 6) {
      throw new IllegalArgumentException("upsampling factor must be 2..6, was " + factor);
    }
    this.inputRateHz = inputRateHz;
    this.factor = factor;
    int n = TAPS_PER_PHASE * factor;
    double[] h = new double[n];
    double centre = (n - 1) / 2.0;
    for (int i = 0; i < n; i++) {
      double x = (i - centre) / factor;
      double sinc = x == 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      double w =
          0.42
              - 0.5 * Math.cos(2 * Math.PI * i / (n - 1))
              + 0.08 * Math.cos(4 * Math.PI * i / (n - 1));
      h[i] = sinc * w;
    }
    phases = new float[factor][TAPS_PER_PHASE];
    for (int p = 0; p < factor; p++) {
      for (int k = 0; k < TAPS_PER_PHASE; k++) {
        phases[p][k] = (float) h[k * factor + p];
      }
    }
  }

  @Override
  public int inputRateHz() {
    return inputRateHz;
  }

  @Override
  public int outputRateHz() {
    return inputRateHz * factor;
  }

  @Override
  public PcmFrame process(PcmFrame in) {
    if (in.sampleRateHz() != inputRateHz) {
      throw new IllegalArgumentException(
          "expected " + inputRateHz + " Hz input, got " + in.sampleRateHz() + " Hz");
    }
    short[] x = in.samples();
    short[] out = new short[x.length * factor];
    for (int i = 0; i < x.length; i++) {
      System.arraycopy(history, 1, history, 0, TAPS_PER_PHASE - 1);
      history[TAPS_PER_PHASE - 1] = x[i];
      for (int p = 0; p < factor; p++) {
        float[] c = phases[p];
        float acc = 0;
        for (int k = 0; k < TAPS_PER_PHASE; k++) {
          acc += c[k] * history[TAPS_PER_PHASE - 1 - k];
        }
        out[i * factor + p] = (short) Math.max(-32768, Math.min(32767, Math.round(acc)));
      }
    }
    return new PcmFrame(out, outputRateHz());
  }

  @Override
  public void reset() {
    java.util.Arrays.fill(history, 0);
  }

  @Override
  public double delayMillis() {
    return TAPS_PER_PHASE / 2.0 * 1000.0 / inputRateHz;
  }

  @Override
  public String toString() {
    return "upsample-x" + factor + "(" + inputRateHz + "Hz)";
  }
}
