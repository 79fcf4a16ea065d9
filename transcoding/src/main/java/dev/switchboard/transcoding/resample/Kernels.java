package dev.switchboard.transcoding.resample;

/**
 * The inner loop of the resampler, kept tiny so the JIT compiles it well: four taps applied to a
 * whole run of outputs. The loop is unit-stride over outputs with loop-invariant source offsets,
 * which HotSpot's superword pass turns into SIMD multiply-adds (no reduction across iterations, so
 * no reordering of sums is needed); four taps per pass quarter the loads and stores of the
 * accumulator.
 *
 * <p>Why the accumulator is {@code double[]}: with a {@code float[]} accumulator C2 (JDK 21–25)
 * cannot prove that the stores to it never overlap the loads from the {@code float[]} history at
 * unknown offsets, and silently keeps the loop scalar — measured 6–8× slower. Arrays of different
 * element types cannot alias, so this form vectorises; the products stay in float, the running sum
 * gains precision.
 */
final class Kernels {

  private Kernels() {}

  /**
   * {@code acc[u] (=|+=) c0·z[o0+u] + c1·z[o1+u] + c2·z[o2+u] + c3·z[o3+u]} for u in [0, length).
   */
  static void multiplyAdd4(
      double[] acc,
      int length,
      float[] z,
      float c0,
      int o0,
      float c1,
      int o1,
      float c2,
      int o2,
      float c3,
      int o3,
      boolean first) {
    if (first) {
      for (int u = 0; u < length; u++) {
        acc[u] = c0 * z[o0 + u] + c1 * z[o1 + u] + c2 * z[o2 + u] + c3 * z[o3 + u];
      }
    } else {
      for (int u = 0; u < length; u++) {
        acc[u] += c0 * z[o0 + u] + c1 * z[o1 + u] + c2 * z[o2 + u] + c3 * z[o3 + u];
      }
    }
  }
}
