package dev.switchboard.recordings;

/** Audio measurements for tests: energy edges and cross-correlation lags. */
final class AudioChecks {

  private AudioChecks() {}

  /** End (sample index) of the last 10 ms window above {@code dbfs} at or after {@code from}. */
  static int energyEnd(short[] s, int from, double dbfs) {
    int win = 80;
    int end = -1;
    for (int i = from; i + win <= s.length; i += win) {
      if (levelDbfs(s, i, win) > dbfs) {
        end = i + win;
      }
    }
    return end;
  }

  /** Start (sample index) of the first 10 ms window above {@code dbfs} at or after {@code from}. */
  static int energyStart(short[] s, int from, double dbfs) {
    int win = 80;
    for (int i = from; i + win <= s.length; i += win) {
      if (levelDbfs(s, i, win) > dbfs) {
        return i;
      }
    }
    return -1;
  }

  static double levelDbfs(short[] s, int off, int len) {
    double sum = 0;
    for (int i = off; i < off + len && i < s.length; i++) {
      sum += (double) s[i] * s[i];
    }
    return 20 * Math.log10(Math.max(Math.sqrt(sum / len), 1e-9) / 32768.0);
  }

  /**
   * The lag (samples) in {@code [-maxLag, maxLag]} maximising the normalised correlation of {@code
   * test[i + lag]} with {@code ref[i]} over {@code ref[from, from + len)}.
   */
  static int bestLag(short[] ref, short[] test, int from, int len, int maxLag) {
    double best = Double.NEGATIVE_INFINITY;
    int bestLag = 0;
    for (int lag = -maxLag; lag <= maxLag; lag++) {
      double sum = 0;
      double energy = 1e-9;
      for (int i = from; i < from + len; i++) {
        int j = i + lag;
        double t = j >= 0 && j < test.length ? test[j] : 0;
        double r = i < ref.length ? ref[i] : 0;
        sum += r * t;
        energy += t * t;
      }
      double score = sum / Math.sqrt(energy);
      if (score > best) {
        best = score;
        bestLag = lag;
      }
    }
    return bestLag;
  }
}
