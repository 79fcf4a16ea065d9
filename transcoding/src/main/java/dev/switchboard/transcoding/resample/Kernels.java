package dev.switchboard.transcoding.resample;

import java.util.Arrays;

/**
 * The inner loops of the resampler, shaped for HotSpot's C2 auto-vectoriser (measured on JDK 25).
 *
 * <p>{@link #accumulate}: for one output class, four taps at a time are applied to the whole run of
 * outputs. The inner loop is unit-stride over outputs with loop-invariant source offsets and no
 * reduction across iterations, so C2 turns it into SIMD multiply-adds without reordering any sum;
 * four taps per pass quarter the loads and stores of the accumulator. Two details decide whether C2
 * vectorises at all, each worth 4–8× (measured):
 *
 * <ul>
 *   <li>The accumulator is {@code double[]}: with a {@code float[]} accumulator C2 cannot prove
 *       that its stores never overlap the loads from the {@code float[]} history at unknown offsets
 *       and keeps the loop scalar. Arrays of different element types cannot alias. The products
 *       stay in float; the running sum gains precision.
 *   <li>The loop over tap groups lives here, next to the inner loop, not in the caller: when a
 *       one-group kernel was inlined into the caller's loop the inner loop stayed scalar.
 * </ul>
 */
final class Kernels {

  private Kernels() {}

  /**
   * {@code acc[u] = Σ_t c[t] · z[offset[t] + shift + u]} for u in [0, length), over the terms
   * {@code [from, to)} (a multiple of four), summed four products at a time in a fixed order.
   */
  static void accumulate(
      double[] acc, int length, float[] z, float[] c, int[] offset, int from, int to, int shift) {
    Arrays.fill(acc, 0, length, 0.0);
    for (int t = from; t < to; t += 4) {
      float c0 = c[t];
      float c1 = c[t + 1];
      float c2 = c[t + 2];
      float c3 = c[t + 3];
      int o0 = offset[t] + shift;
      int o1 = offset[t + 1] + shift;
      int o2 = offset[t + 2] + shift;
      int o3 = offset[t + 3] + shift;
      for (int u = 0; u < length; u++) {
        acc[u] += c0 * z[o0 + u] + c1 * z[o1 + u] + c2 * z[o2 + u] + c3 * z[o3 + u];
      }
    }
  }
}
