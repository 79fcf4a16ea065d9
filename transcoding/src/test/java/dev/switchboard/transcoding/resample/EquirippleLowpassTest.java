package dev.switchboard.transcoding.resample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The designer against the frequency response of what it returns, on a grid 8× finer. */
class EquirippleLowpassTest {

  private static double response(double[] h, double cyclesPerSample) {
    double sum = 0;
    int center = h.length / 2;
    for (int n = 0; n < h.length; n++) {
      sum += h[n] * Math.cos(2 * Math.PI * cyclesPerSample * (n - center));
    }
    return sum;
  }

  @Test
  void telephoneBandAt24kHzIsEquirippleNear96Db() {
    EquirippleLowpass.Design design = EquirippleLowpass.design(69, 3400.0 / 24000, 4400.0 / 24000);
    double[] h = design.taps();
    assertThat(h).hasSize(139);
    for (int n = 0; n < h.length; n++) {
      assertThat(h[n]).as("symmetry at %d", n).isEqualTo(h[h.length - 1 - n]);
    }
    double worstPass = 0;
    double worstStop = 0;
    for (int i = 0; i <= 4000; i++) {
      double f = 0.5 * i / 4000;
      double a = response(h, f);
      if (f <= 3400.0 / 24000) {
        worstPass = Math.max(worstPass, Math.abs(a - 1));
      } else if (f >= 4400.0 / 24000) {
        worstStop = Math.max(worstStop, Math.abs(a));
      }
    }
    assertThat(20 * Math.log10(worstPass)).isLessThan(-95);
    assertThat(20 * Math.log10(worstStop)).isLessThan(-95);
    // Equiripple: the two bands' errors are equal and match the reported peak.
    assertThat(worstStop / worstPass).isBetween(0.9, 1.1);
    assertThat(design.peakError() / worstPass).isBetween(0.9, 1.0 + 1e-9);
  }

  @Test
  void everyResamplerPairHasAtLeast95DbOfRejection() {
    int[] rates = {8000, 16000, 24000, 48000};
    for (int in : rates) {
      for (int out : rates) {
        if (in != out) {
          PolyphaseDesign design = PolyphaseDesign.forRates(in, out);
          assertThat(20 * Math.log10(design.designPeakError())).as("%s", design).isLessThan(-95);
          assertThat(design.delayMillis()).as("%s", design).isLessThanOrEqualTo(3.0);
        }
      }
    }
  }
}
