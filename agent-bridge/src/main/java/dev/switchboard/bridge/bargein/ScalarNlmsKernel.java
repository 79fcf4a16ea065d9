package dev.switchboard.bridge.bargein;

/**
 * The portable {@link NlmsKernel}: four independent partial sums per reduction (the JIT does not
 * vectorise a strict floating-point reduction, but it pipelines independent chains).
 */
final class ScalarNlmsKernel implements NlmsKernel {

  static final ScalarNlmsKernel INSTANCE = new ScalarNlmsKernel();

  private ScalarNlmsKernel() {}

  @Override
  public float dot(float[] w, float[] x, int j, int taps) {
    float a = 0;
    float b = 0;
    float c = 0;
    float d = 0;
    int i = 0;
    for (; i + 3 < taps; i += 4) {
      a += w[i] * x[j + i];
      b += w[i + 1] * x[j + i + 1];
      c += w[i + 2] * x[j + i + 2];
      d += w[i + 3] * x[j + i + 3];
    }
    for (; i < taps; i++) {
      a += w[i] * x[j + i];
    }
    return (a + b) + (c + d);
  }

  @Override
  public void update(float[] w, float[] x, int j, float g, int taps) {
    for (int i = 0; i < taps; i++) {
      w[i] += g * x[j + i];
    }
  }

  @Override
  public float updateThenDot(float[] w, float[] x, int j, float g, int k, int taps) {
    float a = 0;
    float b = 0;
    float c = 0;
    float d = 0;
    int i = 0;
    for (; i + 3 < taps; i += 4) {
      float w0 = w[i] + g * x[j + i];
      float w1 = w[i + 1] + g * x[j + i + 1];
      float w2 = w[i + 2] + g * x[j + i + 2];
      float w3 = w[i + 3] + g * x[j + i + 3];
      w[i] = w0;
      w[i + 1] = w1;
      w[i + 2] = w2;
      w[i + 3] = w3;
      a += w0 * x[k + i];
      b += w1 * x[k + i + 1];
      c += w2 * x[k + i + 2];
      d += w3 * x[k + i + 3];
    }
    for (; i < taps; i++) {
      float wi = w[i] + g * x[j + i];
      w[i] = wi;
      a += wi * x[k + i];
    }
    return (a + b) + (c + d);
  }

  @Override
  public String name() {
    return "scalar";
  }
}
