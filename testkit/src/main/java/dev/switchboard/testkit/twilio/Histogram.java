package dev.switchboard.testkit.twilio;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A fixed-bucket latency histogram: 10 µs buckets from {@code -1 s} to {@code +1 s}, values outside
 * clamp to the edges. Recording never allocates; thread-safe.
 */
public final class Histogram {

  private static final long BUCKET_MICROS = 10;
  private static final int HALF = 100_000;
  private final AtomicLongArray buckets = new AtomicLongArray(2 * HALF + 1);
  private final LongAdder count = new LongAdder();

  public void recordMicros(long micros) {
    long b = Math.clamp(micros / BUCKET_MICROS, -HALF, HALF);
    buckets.incrementAndGet((int) b + HALF);
    count.increment();
  }

  /** Drops all counts (not atomic with concurrent recording: a few samples may survive). */
  public void reset() {
    for (int i = 0; i < buckets.length(); i++) {
      buckets.set(i, 0);
    }
    count.reset();
  }

  public long count() {
    return count.sum();
  }

  /** The {@code q} quantile (0..1) in milliseconds, or NaN when empty. */
  public double percentileMillis(double q) {
    long n = count();
    if (n == 0) {
      return Double.NaN;
    }
    long rank = (long) Math.ceil(q * n);
    long seen = 0;
    for (int i = 0; i < buckets.length(); i++) {
      seen += buckets.get(i);
      if (seen >= Math.max(1, rank)) {
        return (i - HALF) * BUCKET_MICROS / 1000.0;
      }
    }
    return HALF * BUCKET_MICROS / 1000.0;
  }

  /** Adds another histogram's counts into this one. */
  public void addAll(Histogram other) {
    for (int i = 0; i < buckets.length(); i++) {
      long v = other.buckets.get(i);
      if (v != 0) {
        buckets.addAndGet(i, v);
      }
    }
    count.add(other.count());
  }

  @Override
  public String toString() {
    return String.format(
        "n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms",
        count(), percentileMillis(0.5), percentileMillis(0.99), percentileMillis(1.0));
  }
}
