package dev.switchboard.transcoding.dtmf;

/**
 * Goertzel filters at the eight DTMF frequencies (ITU-T Q.23) over one block of {@link
 * #BLOCK_SAMPLES} samples at 8 kHz: the cheap per-block screen that runs on every sample. The
 * precise checks run only on candidate blocks ({@link ToneEstimator}).
 *
 * <p>Why 102 samples (12.75 ms): short enough that a 40 ms tone always covers two whole blocks and
 * a 20 ms one never does, long enough (78 Hz resolution) to separate the Q.23 rows, which are 73–89
 * Hz apart.
 */
final class GoertzelBank {

  static final int SAMPLE_RATE_HZ = 8000;
  static final int BLOCK_SAMPLES = 102;

  /** ITU-T Q.23: low group (rows) then high group (columns), Hz. */
  static final double[] TONES_HZ = {697, 770, 852, 941, 1209, 1336, 1477, 1633};

  private final double[] coefficient = new double[TONES_HZ.length];
  private final double[] cosOmega = new double[TONES_HZ.length];
  private final double[] sinOmega = new double[TONES_HZ.length];
  private final double[] power = new double[TONES_HZ.length];
  private double blockPower;

  GoertzelBank() {
    for (int t = 0; t < TONES_HZ.length; t++) {
      double omega = 2 * Math.PI * TONES_HZ[t] / SAMPLE_RATE_HZ;
      coefficient[t] = 2 * Math.cos(omega);
      cosOmega[t] = Math.cos(omega);
      sinOmega[t] = Math.sin(omega);
    }
  }

  /** Runs one block; read the results with {@link #tonePower} and {@link #blockPower()}. */
  void analyse(short[] block) {
    double energy = 0;
    // Unrolled over the eight filters: this loop is the detector's whole per-sample cost.
    double a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0;
    double b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0, b7 = 0;
    double[] c = coefficient;
    for (int n = 0; n < BLOCK_SAMPLES; n++) {
      double x = block[n];
      energy += x * x;
      double s;
      s = x + c[0] * a0 - b0;
      b0 = a0;
      a0 = s;
      s = x + c[1] * a1 - b1;
      b1 = a1;
      a1 = s;
      s = x + c[2] * a2 - b2;
      b2 = a2;
      a2 = s;
      s = x + c[3] * a3 - b3;
      b3 = a3;
      a3 = s;
      s = x + c[4] * a4 - b4;
      b4 = a4;
      a4 = s;
      s = x + c[5] * a5 - b5;
      b5 = a5;
      a5 = s;
      s = x + c[6] * a6 - b6;
      b6 = a6;
      a6 = s;
      s = x + c[7] * a7 - b7;
      b7 = a7;
      a7 = s;
    }
    store(0, a0, b0);
    store(1, a1, b1);
    store(2, a2, b2);
    store(3, a3, b3);
    store(4, a4, b4);
    store(5, a5, b5);
    store(6, a6, b6);
    store(7, a7, b7);
    blockPower = energy / BLOCK_SAMPLES;
  }

  private void store(int t, double s1, double s2) {
    // |X|² = |s1 − e^{−jω} s2|² (Goertzel, 1958).
    double re = s1 - cosOmega[t] * s2;
    double im = sinOmega[t] * s2;
    // Mean power of a sine seen by the filter: A²/2 = 2|X|²/N².
    power[t] = 2 * (re * re + im * im) / ((double) BLOCK_SAMPLES * BLOCK_SAMPLES);
  }

  /** Sine power (A²/2) at DTMF tone {@code t} (0–3 rows, 4–7 columns) in the last block. */
  double tonePower(int t) {
    return power[t];
  }

  /** Mean power of the last block. */
  double blockPower() {
    return blockPower;
  }
}
