package dev.switchboard.bridge.bargein;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The SIMD kernel and the split ("pipelined") filter loop are speed-ups of the same NLMS filter:
 * they must give the scalar, direct form's results up to rounding. The build runs tests with the
 * Vector API module (root POM), so the SIMD kernel is exercised here; without the module the
 * canceller falls back to the scalar kernel ({@link NlmsKernel.Holder#choose}).
 */
class NlmsKernelTest {

  private static final int RATE = 8000;
  private static final int FRAME = RATE / 50;

  private static final NlmsKernel SIMD =
      NlmsKernel.Holder.choose(
          null, ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());

  @Test
  void testsRunWithTheVectorModuleSoTheSimdKernelIsTheOneUnderTest() {
    assertThat(ModuleLayer.boot().findModule("jdk.incubator.vector"))
        .as("surefire/failsafe argLine must add jdk.incubator.vector")
        .isPresent();
    assertThat(SIMD.name()).startsWith("simd-");
    assertThat(SIMD.pipelined()).isTrue();
    assertThat(NlmsKernel.best().name())
        .as("what the canceller uses by default")
        .isEqualTo(SIMD.name());
  }

  @Test
  void theScalarKernelIsChosenWhenSimdIsTurnedOffOrTheModuleIsMissing() {
    assertThat(NlmsKernel.Holder.choose("false", true)).isSameAs(NlmsKernel.scalar());
    assertThat(NlmsKernel.Holder.choose("FALSE", true)).isSameAs(NlmsKernel.scalar());
    assertThat(NlmsKernel.Holder.choose(null, false)).isSameAs(NlmsKernel.scalar());
    assertThat(NlmsKernel.Holder.choose("true", false)).isSameAs(NlmsKernel.scalar());
    assertThat(NlmsKernel.scalar().pipelined()).isFalse();
  }

  /** The start-up check that keeps a kernel which links but computes wrongly out of calls. */
  @Test
  void aKernelThatDisagreesWithTheScalarOneFailsTheStartUpCheck() {
    assertThat(NlmsKernel.Holder.agreesWithScalar(SIMD)).isTrue();
    assertThat(NlmsKernel.Holder.agreesWithScalar(NlmsKernel.scalar())).isTrue();
    NlmsKernel offByATap = new TestKernel(false, 1);
    assertThat(NlmsKernel.Holder.agreesWithScalar(offByATap)).isFalse();
  }

  @Test
  void simdAndScalarKernelsComputeTheSameSumsAndUpdates() {
    Random random = new Random(11);
    for (int taps : new int[] {64, 61, 17, 3}) {
      float[] x = new float[taps + 40];
      float[] w = new float[taps];
      for (int i = 0; i < x.length; i++) {
        x[i] = (float) random.nextGaussian() * 0.3f;
      }
      for (int i = 0; i < taps; i++) {
        w[i] = (float) random.nextGaussian() * 0.1f;
      }
      for (int j = 0; j < 30; j += 7) {
        assertThat(SIMD.dot(w, x, j, taps))
            .as("dot, %d taps at %d", taps, j)
            .isCloseTo(NlmsKernel.scalar().dot(w, x, j, taps), within(1e-5f));
        float[] ws = w.clone();
        float[] wv = w.clone();
        NlmsKernel.scalar().update(ws, x, j, 0.07f, taps);
        SIMD.update(wv, x, j, 0.07f, taps);
        assertArrayClose(wv, ws, "update");
        ws = w.clone();
        wv = w.clone();
        float s = NlmsKernel.scalar().updateThenDot(ws, x, j, -0.05f, j + 2, taps);
        float v = SIMD.updateThenDot(wv, x, j, -0.05f, j + 2, taps);
        assertThat(v).as("updateThenDot, %d taps at %d", taps, j).isCloseTo(s, within(1e-5f));
        assertArrayClose(wv, ws, "updateThenDot weights");
        assertThat(ws).as("the update changed the weights").isNotEqualTo(w);
      }
    }
  }

  /**
   * The split loop (next output = the dot product taken one step earlier plus the update's share
   * through the lag-one correlation) must cancel exactly like the direct loop: same residual up to
   * float rounding, frame after frame, while the filter converges on a 30 ms echo path.
   */
  @Test
  void thePipelinedLoopCancelsLikeTheDirectLoop() {
    NlmsKernel scalarPipelined = new TestKernel(true, 0);
    double[] direct = cancel(NlmsKernel.scalar());
    double[] pipelined = cancel(scalarPipelined);
    double[] simd = cancel(SIMD);
    for (int f = 0; f < direct.length; f++) {
      assertThat(pipelined[f])
          .as("frame %d residual, pipelined", f)
          .isCloseTo(direct[f], within(0.5));
      assertThat(simd[f]).as("frame %d residual, SIMD", f).isCloseTo(direct[f], within(0.5));
    }
    // And the filter works: after a second the echo is at least 25 dB down in every form.
    for (double[] form : new double[][] {direct, pipelined, simd}) {
      double erle = -Arrays.stream(form, 50, form.length).max().orElseThrow();
      assertThat(erle).as("echo return loss enhancement after 1 s (dB)").isGreaterThan(25);
    }
  }

  /** Residual level relative to the microphone (dB) per frame: agent noise through an echo path. */
  private static double[] cancel(NlmsKernel kernel) {
    EchoCanceller canceller = new EchoCanceller(RATE, 8, 96, kernel);
    Random random = new Random(5);
    int delay = 240; // 30 ms
    float[] path = {0.25f, -0.12f, 0.06f, 0.03f, -0.02f};
    double[] result = new double[150];
    short[] all = new short[result.length * FRAME];
    for (int i = 0; i < all.length; i++) {
      all[i] = (short) Math.clamp(Math.round(random.nextGaussian() * 4000), -32768, 32767);
    }
    for (int f = 0; f < result.length; f++) {
      short[] ref = Arrays.copyOfRange(all, f * FRAME, (f + 1) * FRAME);
      long start = (long) f * FRAME;
      canceller.addReference(ref, start);
      short[] mic = new short[FRAME];
      for (int i = 0; i < FRAME; i++) {
        long t = start + i;
        double echo = 0;
        for (int k = 0; k < path.length; k++) {
          long src = t - delay - k;
          echo += src >= 0 ? path[k] * all[(int) src] : 0;
        }
        mic[i] = (short) Math.round(echo + random.nextGaussian() * 2);
      }
      short[] out = new short[FRAME];
      EchoAnalysis a = canceller.process(mic, start + FRAME, out);
      result[f] = a.residualDbfs() - a.micDbfs();
    }
    return result;
  }

  private static void assertArrayClose(float[] actual, float[] expected, String what) {
    for (int i = 0; i < expected.length; i++) {
      assertThat(actual[i]).as("%s[%d]", what, i).isCloseTo(expected[i], within(1e-6f));
    }
  }

  /**
   * The scalar kernel, optionally asking for the split loop, or leaving the last {@code
   * dotTapsShort} taps out of its dot products (a wrong kernel).
   */
  private record TestKernel(boolean pipelined, int dotTapsShort) implements NlmsKernel {
    @Override
    public float dot(float[] w, float[] x, int j, int taps) {
      return NlmsKernel.scalar().dot(w, x, j, taps - dotTapsShort);
    }

    @Override
    public void update(float[] w, float[] x, int j, float g, int taps) {
      NlmsKernel.scalar().update(w, x, j, g, taps);
    }

    @Override
    public float updateThenDot(float[] w, float[] x, int j, float g, int k, int taps) {
      return NlmsKernel.scalar().updateThenDot(w, x, j, g, k, taps);
    }

    @Override
    public String name() {
      return "test";
    }
  }
}
