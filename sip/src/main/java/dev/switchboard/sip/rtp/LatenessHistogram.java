package dev.switchboard.sip.rtp;

/**
 * How late each pacer tick ran against its 20 ms grid, in 100 µs buckets up to 50 ms: the RTP send
 * jitter our side adds. Thread-safe (synchronised; one writer per call).
 */
public final class LatenessHistogram {

  static final int BUCKET_MICROS = 100;
  static final int BUCKETS = 500;

  private final long[] counts = new long[BUCKETS + 1];
  private long total;
  private long maxMicros;

  public synchronized void record(long latenessNanos) {
    long micros = Math.max(0, latenessNanos / 1000);
    counts[(int) Math.min(BUCKETS, micros / BUCKET_MICROS)]++;
    total++;
    maxMicros = Math.max(maxMicros, micros);
  }

  public synchronized void addAll(LatenessHistogram other) {
    synchronized (other) {
      for (int i = 0; i <= BUCKETS; i++) {
        counts[i] += other.counts[i];
      }
      total += other.total;
      maxMicros = Math.max(maxMicros, other.maxMicros);
    }
  }

  public synchronized long count() {
    return total;
  }

  /** The upper bound of the bucket holding quantile {@code q} (0..1), in microseconds. */
  public synchronized long quantileMicros(double q) {
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i <= BUCKETS; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return i == BUCKETS ? maxMicros : (long) (i + 1) * BUCKET_MICROS;
      }
    }
    return maxMicros;
  }

  public synchronized long maxMicros() {
    return maxMicros;
  }

  @Override
  public synchronized String toString() {
    return "n="
        + total
        + " p50="
        + quantileMicros(0.5)
        + "us p99="
        + quantileMicros(0.99)
        + "us p99.9="
        + quantileMicros(0.999)
        + "us max="
        + maxMicros
        + "us";
  }
}
