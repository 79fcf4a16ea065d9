package dev.switchboard.testkit;

/**
 * A line echo path: the agent's audio returned attenuated by {@code erlDb} (echo return loss),
 * delayed by {@code delaySamples} and coloured by a short FIR (a hybrid's dispersion). Immutable.
 *
 * @param erlDb attenuation, e.g. 20 dB
 * @param delaySamples bulk delay
 * @param fir impulse response after the delay (normalised to unit energy here)
 */
public record EchoPath(double erlDb, int delaySamples, double[] fir) {

  public EchoPath {
    double e = 0;
    for (double v : fir) {
      e += v * v;
    }
    double norm = Math.sqrt(e);
    double[] copy = new double[fir.length];
    for (int i = 0; i < fir.length; i++) {
      copy[i] = fir[i] / norm;
    }
    fir = copy;
  }

  /** A typical hybrid colouring: a few decaying taps, the main tap first. */
  public static EchoPath hybrid(double erlDb, int delaySamples) {
    return new EchoPath(erlDb, delaySamples, new double[] {1.0, 0.45, -0.25, 0.12, -0.05});
  }

  /** The echo sample at {@code index} given the far-end (agent) signal heard by the caller. */
  public double echoAt(short[] farEnd, int index) {
    double gain = Math.pow(10, -erlDb / 20);
    double acc = 0;
    for (int k = 0; k < fir.length; k++) {
      int i = index - delaySamples - k;
      if (i >= 0 && i < farEnd.length) {
        acc += fir[k] * farEnd[i];
      }
    }
    return acc * gain;
  }
}
