package dev.switchboard.transcoding.resample;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The immutable, shared part of a rational L/M resampler: the prototype lowpass and its polyphase
 * tables, designed once per rate pair and cached (many calls run at once; each {@link
 * PolyphaseFilter} only owns its history).
 *
 * <h2>Specification</h2>
 *
 * The prototype runs at {@code L × inputRate}. With {@code fLow} the lower of the two rates, the
 * passband reaches {@code 0.425 fLow} and the stopband starts at {@code 0.55 fLow}: 3.4 / 4.4 kHz
 * for the 8 kHz telephone band, whose speech content ends at 3.4 kHz (the ITU-T G.712 nominal
 * 300–3400 Hz PCM channel). Content between 4.0 and 4.4 kHz may fold into 3.6–4.0 kHz, above the
 * telephone band. The half length follows the transition width: the equiripple estimate (Herrmann,
 * Rabiner, Chan 1973) puts ~96 dB at {@code delay × transitionWidth ≈ 2.875}, i.e. 2.875 ms of
 * delay for the 1 kHz transition of the 8 kHz pairs — under the 3 ms budget per direction.
 *
 * <h2>Polyphase layout</h2>
 *
 * Output {@code n} sits at prototype time {@code t = nM}; it reads input {@code i = ⌊t/L⌋} and
 * older with phase {@code p = t mod L}: {@code y[n] = Σ_j L·h[p + jL] · x[i − j]}. Outputs are
 * grouped into L classes {@code s = n mod L}; within a class, consecutive outputs step the input by
 * exactly M. The input is kept as M de-interleaved streams {@code z_d[m] = x[mM + d]}, so every tap
 * of a class reads one stream contiguously: {@code x[qM + c_s − j] = z_d[q + a]}. That turns each
 * tap into a unit-stride multiply-add over the frame, which the JIT vectorises.
 */
final class PolyphaseDesign {

  /** Taps are processed in groups of this many (zero-padded); see {@link PolyphaseFilter}. */
  static final int TAP_GROUP = 4;

  private static final double DELAY_TIMES_TRANSITION = 2.875;
  private static final Map<Long, PolyphaseDesign> CACHE = new ConcurrentHashMap<>();

  final int inputRateHz;
  final int outputRateHz;
  final int up;
  final int down;
  final int delayPrototypeSamples;
  final int prototypeTaps;
  final int tapsPerPhase;

  /** Padded taps per class: a multiple of {@link #TAP_GROUP}. */
  final int termsPerClass;

  /** {@code [class × termsPerClass + term]}: coefficient, source stream, offset in that stream. */
  final float[] coefficients;

  final int[] streams;
  final int[] offsets;

  private final double[] prototype;
  private final double designPeakError;

  static PolyphaseDesign forRates(int inputRateHz, int outputRateHz) {
    return CACHE.computeIfAbsent(
        ((long) inputRateHz << 32) | outputRateHz,
        k -> new PolyphaseDesign(inputRateHz, outputRateHz));
  }

  private PolyphaseDesign(int inputRateHz, int outputRateHz) {
    this.inputRateHz = inputRateHz;
    this.outputRateHz = outputRateHz;
    int gcd = gcd(inputRateHz, outputRateHz);
    this.up = outputRateHz / gcd;
    this.down = inputRateHz / gcd;
    double prototypeRateHz = (double) up * inputRateHz;
    double lowRateHz = Math.min(inputRateHz, outputRateHz);
    double passHz = 0.425 * lowRateHz;
    double stopHz = 0.55 * lowRateHz;
    int halfOrder = (int) Math.ceil(DELAY_TIMES_TRANSITION * prototypeRateHz / (stopHz - passHz));
    // Whole output samples of delay: the delay in output samples is halfOrder / M.
    halfOrder = Math.ceilDiv(halfOrder, down) * down;
    EquirippleLowpass.Design lowpass =
        EquirippleLowpass.design(halfOrder, passHz / prototypeRateHz, stopHz / prototypeRateHz);
    this.prototype = lowpass.taps();
    this.designPeakError = lowpass.peakError();
    this.delayPrototypeSamples = halfOrder;
    this.prototypeTaps = prototype.length;
    this.tapsPerPhase = Math.ceilDiv(prototypeTaps, up);
    this.termsPerClass = Math.ceilDiv(tapsPerPhase, TAP_GROUP) * TAP_GROUP;
    this.coefficients = new float[up * termsPerClass];
    this.streams = new int[up * termsPerClass];
    this.offsets = new int[up * termsPerClass];
    for (int s = 0; s < up; s++) {
      int firstInput = inputOffset(s);
      int phase = (int) ((long) s * down % up);
      for (int t = 0; t < termsPerClass; t++) {
        int k = s * termsPerClass + t;
        int j = Math.min(t, tapsPerPhase - 1); // padding repeats the last tap's address
        int tap = phase + t * up;
        // Zero-stuffing by L divides the passband gain by L; the branch gain L restores it.
        coefficients[k] =
            t < tapsPerPhase && tap < prototypeTaps ? (float) (up * prototype[tap]) : 0f;
        streams[k] = Math.floorMod(firstInput - j, down);
        offsets[k] = Math.floorDiv(firstInput - j, down);
      }
    }
  }

  /** {@code c_s = ⌊sM/L⌋}: input index of output class {@code s} relative to {@code q·M}. */
  int inputOffset(int outputClass) {
    return (int) ((long) outputClass * down / up);
  }

  /** A copy of the prototype lowpass at {@code L × inputRate}, passband gain 1. */
  double[] prototype() {
    return prototype.clone();
  }

  /** Peak deviation of the prototype from the ideal lowpass on the design grid (linear). */
  double designPeakError() {
    return designPeakError;
  }

  double delayMillis() {
    return 1000.0 * delayPrototypeSamples / ((double) up * inputRateHz);
  }

  private static int gcd(int a, int b) {
    return b == 0 ? a : gcd(b, a % b);
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "polyphase L=%d M=%d, %d taps, %.3f ms",
        up,
        down,
        prototypeTaps,
        delayMillis());
  }
}
