package dev.switchboard.bridge.bargein;

import java.lang.invoke.MethodHandles;

/**
 * The inner loops of the {@link EchoCanceller}'s NLMS filter: the output of one sample (a dot
 * product of the weights with the reference) and the weight update fused with the next sample's
 * output. They are a strict floating-point reduction per sample, which HotSpot's auto-vectoriser
 * leaves scalar; {@link #best()} therefore picks the SIMD implementation on the JDK's Vector API
 * when the JVM runs with {@code --add-modules jdk.incubator.vector}, and the scalar one otherwise.
 * The two differ only in rounding (summation order and fused multiply-add).
 *
 * <p>Arguments: weights {@code w[0..taps)} multiply {@code x[j..j + taps)}.
 */
interface NlmsKernel {

  /** {@code Σ w[i] · x[j + i]}. */
  float dot(float[] w, float[] x, int j, int taps);

  /** {@code w[i] += g · x[j + i]}. */
  void update(float[] w, float[] x, int j, float g, int taps);

  /** {@link #update} at {@code j}, then {@link #dot} at {@code k} with the new weights. */
  float updateThenDot(float[] w, float[] x, int j, float g, int k, int taps);

  /**
   * Whether the canceller should split each sample's chain so that this kernel's dot products
   * overlap the scalar work (worth it where a dot product ends in a slow lane reduction).
   */
  default boolean pipelined() {
    return false;
  }

  /** A short name for logs and benchmarks. */
  String name();

  /** System property that turns the SIMD kernel off ({@code -Dswitchboard.simd=false}). */
  String SIMD_PROPERTY = "switchboard.simd";

  /** The SIMD kernel when the Vector API module is present and not turned off; else scalar. */
  static NlmsKernel best() {
    return Holder.BEST;
  }

  /** The scalar kernel (the reference the SIMD one is tested against). */
  static NlmsKernel scalar() {
    return ScalarNlmsKernel.INSTANCE;
  }

  /** Resolved once: which kernel this JVM uses. */
  final class Holder {
    static final NlmsKernel BEST =
        choose(
            System.getProperty(SIMD_PROPERTY),
            ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());

    private Holder() {}

    /**
     * SIMD unless the property says {@code false}, the module is absent or the machine's vectors
     * are too narrow to pay; scalar otherwise.
     */
    static NlmsKernel choose(String simdProperty, boolean vectorModulePresent) {
      if ("false".equalsIgnoreCase(simdProperty) || !vectorModulePresent) {
        return ScalarNlmsKernel.INSTANCE;
      }
      try {
        // Loaded by name: linking it without the module would fail.
        Class<?> c = MethodHandles.lookup().findClass(VECTOR_KERNEL);
        NlmsKernel k = (NlmsKernel) c.getDeclaredConstructor().newInstance();
        return k.usable() && agreesWithScalar(k) ? k : ScalarNlmsKernel.INSTANCE;
      } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
        // A JDK whose incubating API differs fails here, at start, not in a call.
        return ScalarNlmsKernel.INSTANCE;
      }
    }

    /**
     * Runs every method of {@code k} once on a fixed 67-tap filter (whole vectors and a tail) and
     * compares with the scalar kernel: a kernel that links but computes wrongly is not used.
     */
    static boolean agreesWithScalar(NlmsKernel k) {
      int taps = 67;
      float[] x = new float[taps + 3];
      float[] w = new float[taps];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) Math.sin(i * 0.37) * 0.5f;
      }
      for (int i = 0; i < taps; i++) {
        w[i] = (float) Math.cos(i * 0.11) * 0.1f;
      }
      NlmsKernel ref = ScalarNlmsKernel.INSTANCE;
      float[] wk = w.clone();
      float[] wr = w.clone();
      k.update(wk, x, 1, 0.3f, taps);
      ref.update(wr, x, 1, 0.3f, taps);
      boolean same =
          close(k.dot(w, x, 2, taps), ref.dot(w, x, 2, taps))
              && close(
                  k.updateThenDot(wk, x, 0, -0.2f, 3, taps),
                  ref.updateThenDot(wr, x, 0, -0.2f, 3, taps));
      for (int i = 0; i < taps && same; i++) {
        same = close(wk[i], wr[i]);
      }
      return same;
    }

    private static boolean close(float a, float b) {
      return Math.abs(a - b) <= 1e-4f * Math.max(1f, Math.abs(b));
    }
  }

  /** The SIMD kernel's class, named here only (loading it needs the module). */
  String VECTOR_KERNEL = "dev.switchboard.bridge.bargein.VectorNlmsKernel";

  /** Whether this kernel is worth using on this machine. */
  default boolean usable() {
    return true;
  }
}
