package dev.switchboard.transcoding.resample;

/**
 * Minimax (equiripple) linear-phase lowpass FIR design by the Remez exchange algorithm, as
 * described by Parks and McClellan (IEEE Trans. Circuit Theory CT-19, 1972) and McClellan, Parks
 * and Rabiner (IEEE Trans. Audio Electroacoustics AU-21, 1973), written from the published
 * description.
 *
 * <p>Why equiripple rather than a windowed sinc: the resampler must keep ≥ 90 dB of image and alias
 * rejection from the stopband edge on while adding at most 3 ms of delay. For the 8 ↔ 24 kHz pair a
 * Kaiser design of the same 139 taps only just reaches −90 dB at its worst frequency; the
 * equiripple filter spends the same taps evenly and reaches about −96 dB in both bands.
 *
 * <p>The filter is type I (odd length {@code 2 * halfOrder + 1}, symmetric), passband gain 1, equal
 * weight in both bands. Pure double arithmetic, deterministic.
 */
final class EquirippleLowpass {

  private static final int GRID_DENSITY = 16;
  private static final int MAX_ITERATIONS = 100;

  private EquirippleLowpass() {}

  /** The achieved design: impulse response and peak error (same in both bands, linear). */
  record Design(double[] taps, double peakError) {}

  /**
   * Designs the filter.
   *
   * @param halfOrder {@code d}: the filter has {@code 2d + 1} taps and a delay of {@code d}
   * @param passEdge passband edge in cycles per sample, 0 &lt; passEdge &lt; stopEdge &lt; 0.5
   * @param stopEdge stopband edge in cycles per sample
   */
  static Design design(int halfOrder, double passEdge, double stopEdge) {
    if (halfOrder < 2 || !(passEdge > 0 && passEdge < stopEdge && stopEdge < 0.5)) {
      throw new IllegalArgumentException(
          "bad lowpass spec: halfOrder=" + halfOrder + " pass=" + passEdge + " stop=" + stopEdge);
    }
    int r = halfOrder + 1; // cosine coefficients a_0..a_d
    Grid grid = Grid.of(r, passEdge, stopEdge);
    int[] ext = new int[r + 1];
    for (int k = 0; k <= r; k++) {
      ext[k] = (int) ((long) k * (grid.size() - 1) / r);
    }
    double delta = 0;
    double[] error = new double[grid.size()];
    Interpolant a = null;
    for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
      a = Interpolant.through(grid, ext);
      delta = a.delta();
      double maxError = 0;
      for (int g = 0; g < grid.size(); g++) {
        error[g] = grid.desired[g] - a.valueAt(grid.x[g]);
        maxError = Math.max(maxError, Math.abs(error[g]));
      }
      int[] next = Extrema.select(error, grid.bandStart, r + 1);
      boolean converged = (maxError - Math.abs(delta)) <= 1e-9 * Math.abs(delta);
      if (converged || java.util.Arrays.equals(next, ext)) {
        break;
      }
      ext = next;
    }
    return new Design(toTaps(a, halfOrder), Math.abs(delta));
  }

  private static double[] toTaps(Interpolant a, int d) {
    double[] coefficients = a.coefficients();
    double[] taps = new double[2 * d + 1];
    taps[d] = coefficients[0];
    for (int k = 1; k <= d; k++) {
      taps[d - k] = coefficients[k] / 2;
      taps[d + k] = coefficients[k] / 2;
    }
    return taps;
  }

  /** The dense frequency grid over the passband [0, pass] and the stopband [stop, 0.5]. */
  private record Grid(double[] x, double[] desired, int bandStart) {

    static Grid of(int r, double passEdge, double stopEdge) {
      double span = passEdge + (0.5 - stopEdge);
      int points = GRID_DENSITY * r;
      int passPoints = Math.max(2, (int) Math.round(points * passEdge / span));
      int stopPoints = Math.max(2, points - passPoints);
      double[] x = new double[passPoints + stopPoints];
      double[] desired = new double[x.length];
      for (int g = 0; g < passPoints; g++) {
        x[g] = Math.cos(2 * Math.PI * passEdge * g / (passPoints - 1));
        desired[g] = 1;
      }
      for (int g = 0; g < stopPoints; g++) {
        double f = stopEdge + (0.5 - stopEdge) * g / (stopPoints - 1);
        x[passPoints + g] = Math.cos(2 * Math.PI * f);
      }
      return new Grid(x, desired, passPoints);
    }

    int size() {
      return x.length;
    }
  }

  /**
   * The cosine polynomial {@code A(x) = Σ a_k T_k(x)}, {@code x = cos ω}, that alternates ±δ about
   * the desired response on the {@code r+1} trial frequencies. Found by solving the (r+1)-square
   * system directly (Gaussian elimination with partial pivoting) rather than with the classic
   * barycentric formula for δ: the Chebyshev basis on spread-out points is well conditioned, while
   * the barycentric sums cancel catastrophically for filters past ~250 taps.
   */
  private static final class Interpolant {
    private final double[] coefficients;
    private final double delta;

    private Interpolant(double[] coefficients, double delta) {
      this.coefficients = coefficients;
      this.delta = delta;
    }

    static Interpolant through(Grid grid, int[] ext) {
      int n = ext.length; // r + 1 unknowns: a_0..a_{r-1} and δ
      double[][] m = new double[n][n + 1];
      for (int i = 0; i < n; i++) {
        double x = grid.x[ext[i]];
        double previous = 1;
        double current = x;
        m[i][0] = 1;
        for (int k = 1; k < n - 1; k++) {
          m[i][k] = current;
          double next = 2 * x * current - previous; // T_{k+1} = 2x T_k − T_{k−1}
          previous = current;
          current = next;
        }
        m[i][n - 1] = (i & 1) == 0 ? 1 : -1;
        m[i][n] = grid.desired[ext[i]];
      }
      double[] solution = solve(m);
      return new Interpolant(java.util.Arrays.copyOf(solution, n - 1), solution[n - 1]);
    }

    private static double[] solve(double[][] m) {
      int n = m.length;
      for (int col = 0; col < n; col++) {
        int pivot = col;
        for (int row = col + 1; row < n; row++) {
          if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
            pivot = row;
          }
        }
        double[] swap = m[col];
        m[col] = m[pivot];
        m[pivot] = swap;
        for (int row = col + 1; row < n; row++) {
          double factor = m[row][col] / m[col][col];
          if (factor != 0) {
            for (int k = col; k <= n; k++) {
              m[row][k] -= factor * m[col][k];
            }
          }
        }
      }
      double[] solution = new double[n];
      for (int row = n - 1; row >= 0; row--) {
        double sum = m[row][n];
        for (int k = row + 1; k < n; k++) {
          sum -= m[row][k] * solution[k];
        }
        solution[row] = sum / m[row][row];
      }
      return solution;
    }

    double delta() {
      return delta;
    }

    /** {@code a_k}: the filter's taps are {@code h[d] = a_0, h[d ± k] = a_k / 2}. */
    double[] coefficients() {
      return coefficients;
    }

    /** Clenshaw's recurrence for the Chebyshev sum. */
    double valueAt(double x) {
      double b1 = 0;
      double b2 = 0;
      for (int k = coefficients.length - 1; k >= 1; k--) {
        double b0 = coefficients[k] + 2 * x * b1 - b2;
        b2 = b1;
        b1 = b0;
      }
      return coefficients[0] + x * b1 - b2;
    }
  }

  /** The exchange step: the new alternating set of local error extrema. */
  private static final class Extrema {
    private Extrema() {}

    /**
     * Every local extremum is a candidate; of neighbours with the same sign the larger stays; then
     * the smallest are dropped (at an end, or as an adjacent pair) until {@code count} remain. No
     * threshold at |δ|: in the first iterations δ can be as small as the rounding noise of the
     * error, and a threshold would then lose true extrema.
     */
    static int[] select(double[] error, int bandStart, int count) {
      int size = error.length;
      int[] kept = new int[size];
      int n = 0;
      for (int g = 0; g < size; g++) {
        double e = error[g];
        if (e == 0) {
          continue;
        }
        boolean hasLeft = g > 0 && g != bandStart;
        boolean hasRight = g < size - 1 && g + 1 != bandStart;
        double left = hasLeft ? error[g - 1] : e;
        double right = hasRight ? error[g + 1] : e;
        boolean extremum = e > 0 ? e >= left && e >= right : e <= left && e <= right;
        if (!extremum) {
          continue;
        }
        if (n > 0 && Math.signum(error[kept[n - 1]]) == Math.signum(e)) {
          if (Math.abs(e) > Math.abs(error[kept[n - 1]])) {
            kept[n - 1] = g; // same sign twice: keep the larger, preserving alternation
          }
        } else {
          kept[n++] = g;
        }
      }
      while (n > count) {
        int smallest = 0;
        for (int i = 1; i < n; i++) {
          if (Math.abs(error[kept[i]]) < Math.abs(error[kept[smallest]])) {
            smallest = i;
          }
        }
        int removeFrom;
        int removeCount;
        if (n - count == 1 || smallest == 0 || smallest == n - 1) {
          // Dropping an end keeps the signs alternating.
          boolean firstSmaller = Math.abs(error[kept[0]]) <= Math.abs(error[kept[n - 1]]);
          removeFrom = n - count == 1 ? (firstSmaller ? 0 : n - 1) : smallest;
          removeCount = 1;
        } else {
          // Dropping an adjacent pair in the middle keeps the signs alternating too.
          boolean leftSmaller =
              Math.abs(error[kept[smallest - 1]]) <= Math.abs(error[kept[smallest + 1]]);
          removeFrom = leftSmaller ? smallest - 1 : smallest;
          removeCount = 2;
        }
        System.arraycopy(
            kept, removeFrom + removeCount, kept, removeFrom, n - removeFrom - removeCount);
        n -= removeCount;
      }
      if (n < count) {
        throw new IllegalStateException(
            "Remez exchange found only " + n + " alternating extrema, needs " + count);
      }
      return java.util.Arrays.copyOf(kept, n);
    }
  }
}
