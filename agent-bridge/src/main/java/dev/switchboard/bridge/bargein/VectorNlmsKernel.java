package dev.switchboard.bridge.bargein;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The SIMD {@link NlmsKernel} on the JDK's Vector API ({@code jdk.incubator.vector}): whole vectors
 * of taps per step with fused multiply-adds, one lane reduction per sample. Only loaded when the
 * module is present ({@link NlmsKernel#best()}).
 */
final class VectorNlmsKernel implements NlmsKernel {

  private static final VectorSpecies<Float> S =
      Integer.getInteger("xs", 0) == 256
          ? FloatVector.SPECIES_256
          : Integer.getInteger("xs", 0) == 128
              ? FloatVector.SPECIES_128
              : FloatVector.SPECIES_PREFERRED;

  @Override
  public boolean usable() {
    // Narrower than 4 lanes (no SIMD, or the JIT does not intrinsify): the scalar kernel is faster.
    return S.length() >= 4;
  }

  @Override
  public boolean pipelined() {
    return true;
  }

  @Override
  public float dot(float[] w, float[] x, int j, int taps) {
    FloatVector acc = FloatVector.zero(S);
    int bound = S.loopBound(taps);
    int i = 0;
    for (; i < bound; i += S.length()) {
      acc = FloatVector.fromArray(S, w, i).fma(FloatVector.fromArray(S, x, j + i), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < taps; i++) {
      sum += w[i] * x[j + i];
    }
    return sum;
  }

  @Override
  public void update(float[] w, float[] x, int j, float g, int taps) {
    FloatVector gv = FloatVector.broadcast(S, g);
    int bound = S.loopBound(taps);
    int i = 0;
    for (; i < bound; i += S.length()) {
      FloatVector.fromArray(S, x, j + i).fma(gv, FloatVector.fromArray(S, w, i)).intoArray(w, i);
    }
    for (; i < taps; i++) {
      w[i] += g * x[j + i];
    }
  }

  @Override
  public float updateThenDot(float[] w, float[] x, int j, float g, int k, int taps) {
    FloatVector gv = FloatVector.broadcast(S, g);
    FloatVector acc = FloatVector.zero(S);
    int bound = S.loopBound(taps);
    int i = 0;
    for (; i < bound; i += S.length()) {
      FloatVector nw = FloatVector.fromArray(S, x, j + i).fma(gv, FloatVector.fromArray(S, w, i));
      nw.intoArray(w, i);
      acc = nw.fma(FloatVector.fromArray(S, x, k + i), acc);
    }
    float sum = acc.reduceLanes(VectorOperators.ADD);
    for (; i < taps; i++) {
      float wi = w[i] + g * x[j + i];
      w[i] = wi;
      sum += wi * x[k + i];
    }
    return sum;
  }

  @Override
  public String name() {
    return "simd-" + S.length() + "x32";
  }
}
