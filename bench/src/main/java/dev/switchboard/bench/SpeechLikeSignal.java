package dev.switchboard.bench;

/**
 * A deterministic speech-like test signal, identical to the one in {@code
 * bench/speexdsp/speex_bench.c} so both sides process the same audio: a 140 Hz voiced source with
 * harmonics up to 3.4 kHz falling at 6 dB per octave, two formant bumps, and a 4 Hz syllabic
 * envelope. Band-limited to 3.4 kHz; its cost to the resampler is what a real call's would be.
 */
final class SpeechLikeSignal {

  private static final double F0_HZ = 140;
  private static final double PEAK = 9000;

  private SpeechLikeSignal() {}

  /** {@code count} 16-bit samples at {@code rateHz}, starting at t = 0. */
  static short[] samples(int rateHz, int count) {
    short[] out = new short[count];
    int harmonics = (int) (3400 / F0_HZ);
    double norm = 0;
    for (int k = 1; k <= harmonics; k++) {
      norm += weight(k);
    }
    for (int n = 0; n < count; n++) {
      double t = (double) n / rateHz;
      double voiced = 0;
      for (int k = 1; k <= harmonics; k++) {
        voiced += weight(k) * Math.sin(2 * Math.PI * k * F0_HZ * t + 0.5 * k * k);
      }
      double envelope = 0.5 * (1 - Math.cos(2 * Math.PI * 4 * t));
      out[n] = (short) Math.round(PEAK * envelope * voiced / norm);
    }
    return out;
  }

  private static double weight(int k) {
    double f = k * F0_HZ;
    double formants =
        1
            + 3 * Math.exp(-Math.pow((f - 700) / 150, 2))
            + 2 * Math.exp(-Math.pow((f - 1200) / 200, 2));
    return formants / k;
  }
}
