package dev.switchboard.testkit;

import java.util.SplittableRandom;

/**
 * Speech-like test signals from fixed seeds: harmonic voices (a fundamental with falling harmonics,
 * pitch wandering) amplitude-modulated by a syllable rhythm (3-6 syllables/s, each 120-250 ms with
 * a raised-cosine envelope, phrases separated by pauses), and white noise. Stateless.
 */
public final class Signals {

  private Signals() {}

  /**
   * Speech-like audio lasting {@code millis} at RMS {@code levelDbfs} over its voiced parts.
   *
   * @param pauses insert phrase pauses (400-900 ms) every 1-3 s, as a talker breathing
   */
  public static short[] speechLike(
      long seed, int millis, double levelDbfs, int sampleRateHz, boolean pauses) {
    SplittableRandom rnd = new SplittableRandom(seed);
    int n = sampleRateHz * millis / 1000;
    double[] env = new double[n];
    int pos = 0;
    int phraseEnd = pos + sampleRateHz * (1000 + rnd.nextInt(2000)) / 1000;
    while (pos < n) {
      if (pauses && pos >= phraseEnd) {
        pos += sampleRateHz * (400 + rnd.nextInt(500)) / 1000;
        phraseEnd = pos + sampleRateHz * (1000 + rnd.nextInt(2000)) / 1000;
        continue;
      }
      int syl = sampleRateHz * (120 + rnd.nextInt(130)) / 1000;
      int gap = sampleRateHz * (20 + rnd.nextInt(60)) / 1000;
      double peak = 0.6 + 0.4 * rnd.nextDouble();
      for (int i = 0; i < syl && pos + i < n; i++) {
        env[pos + i] = peak * 0.5 * (1 - Math.cos(2 * Math.PI * i / syl));
      }
      pos += syl + gap;
    }
    double f0 = 100 + rnd.nextDouble() * 120;
    double phase = 0;
    double[] raw = new double[n];
    double acc = 0;
    int voiced = 0;
    for (int i = 0; i < n; i++) {
      double f = f0 * (1 + 0.08 * Math.sin(2 * Math.PI * 2.1 * i / sampleRateHz));
      phase += 2 * Math.PI * f / sampleRateHz;
      double v = 0;
      for (int h = 1; h <= 12 && h * f < sampleRateHz / 2.2; h++) {
        v += Math.sin(h * phase) / h;
      }
      v += 0.05 * (rnd.nextDouble() * 2 - 1);
      raw[i] = v * env[i];
      if (env[i] > 0.05) {
        acc += raw[i] * raw[i];
        voiced++;
      }
    }
    double rms = Math.sqrt(acc / Math.max(1, voiced));
    double gain = rms == 0 ? 0 : Math.pow(10, levelDbfs / 20) / rms * 32767;
    short[] out = new short[n];
    for (int i = 0; i < n; i++) {
      out[i] = (short) Math.clamp(Math.round(raw[i] * gain), -32768, 32767);
    }
    return out;
  }

  /** White noise at RMS {@code levelDbfs}. */
  public static short[] noise(long seed, int samples, double levelDbfs) {
    SplittableRandom rnd = new SplittableRandom(seed);
    double amp = Math.pow(10, levelDbfs / 20) * 32767 * Math.sqrt(3);
    short[] out = new short[samples];
    for (int i = 0; i < samples; i++) {
      out[i] = (short) Math.round(amp * (rnd.nextDouble() * 2 - 1));
    }
    return out;
  }

  /** Adds {@code src} into {@code dst} from {@code offset}, saturating. */
  public static void mixInto(short[] dst, short[] src, int offset) {
    for (int i = 0; i < src.length && offset + i < dst.length; i++) {
      if (offset + i >= 0) {
        dst[offset + i] = (short) Math.clamp(dst[offset + i] + src[i], -32768, 32767);
      }
    }
  }

  /**
   * A caller timeline of {@code totalSeconds} at {@code sampleRateHz} with speech-like bursts at
   * the given {@code from, to} second pairs (silence elsewhere).
   */
  public static short[] bursts(
      double totalSeconds, double levelDbfs, long seed, int sampleRateHz, double... fromTo) {
    short[] out = new short[(int) (totalSeconds * sampleRateHz)];
    for (int i = 0; i < fromTo.length; i += 2) {
      int millis = (int) Math.round((fromTo[i + 1] - fromTo[i]) * 1000);
      short[] s = speechLike(seed + i, millis, levelDbfs, sampleRateHz, false);
      mixInto(out, s, (int) Math.round(fromTo[i] * sampleRateHz));
    }
    return out;
  }
}
