package dev.switchboard.testkit;

/**
 * Test signals and their analysis: sine tones, a Goertzel single-bin detector (Goertzel 1958; the
 * DTMF detectors' workhorse), levels and SNR. Stateless.
 */
public final class Tones {

  private Tones() {}

  /** A sine of {@code freqHz} at {@code levelDbfs} RMS lasting {@code millis}. */
  public static short[] sine(double freqHz, double levelDbfs, int millis, int sampleRateHz) {
    int n = sampleRateHz * millis / 1000;
    short[] out = new short[n];
    double amp = Math.sqrt(2) * Math.pow(10, levelDbfs / 20) * 32767;
    for (int i = 0; i < n; i++) {
      out[i] = (short) Math.round(amp * Math.sin(2 * Math.PI * freqHz * i / sampleRateHz));
    }
    return out;
  }

  /** Power of {@code freqHz} in {@code s[off, off+len)} relative to a full-scale sine (dB). */
  public static double goertzelDb(short[] s, int off, int len, double freqHz, int sampleRateHz) {
    double w = 2 * Math.PI * freqHz / sampleRateHz;
    double coeff = 2 * Math.cos(w);
    double s1 = 0;
    double s2 = 0;
    for (int i = off; i < off + len; i++) {
      double s0 = s[i] / 32768.0 + coeff * s1 - s2;
      s2 = s1;
      s1 = s0;
    }
    double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    // A full-scale sine gives power (len/2)^2.
    double norm = power / ((len / 2.0) * (len / 2.0));
    return norm <= 1e-15 ? -150 : 10 * Math.log10(norm);
  }

  /** True when {@code freqHz} is present above {@code minDbfs} in the window. */
  public static boolean present(
      short[] s, int off, int len, double freqHz, int rate, double minDb) {
    return goertzelDb(s, off, len, freqHz, rate) >= minDb;
  }

  /** RMS level in dBFS. */
  public static double levelDbfs(short[] s, int off, int len) {
    double acc = 0;
    for (int i = off; i < off + len; i++) {
      acc += (double) s[i] * s[i];
    }
    double ms = acc / Math.max(1, len) / (32768.0 * 32768.0);
    return ms <= 1e-12 ? -120 : 10 * Math.log10(ms);
  }

  /** SNR in dB of {@code test} against the clean {@code reference} (same length). */
  public static double snrDb(short[] reference, short[] test) {
    double sig = 0;
    double err = 0;
    for (int i = 0; i < reference.length; i++) {
      double d = (double) test[i] - reference[i];
      sig += (double) reference[i] * reference[i];
      err += d * d;
    }
    return err == 0 ? 150 : 10 * Math.log10(sig / err);
  }

  /**
   * A steady −16 dBFS tone with no sample exactly zero, so where it stops is easy to find in what
   * the caller heard.
   */
  public static short[] steady(double freqHz, double seconds, int sampleRateHz) {
    short[] s = sine(freqHz, -16, (int) Math.round(seconds * 1000), sampleRateHz);
    for (int i = 0; i < s.length; i++) {
      if (s[i] == 0) {
        s[i] = 1;
      }
    }
    return s;
  }
}
