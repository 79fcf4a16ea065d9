package dev.switchboard.bridge.bargein;

import java.util.Arrays;

/**
 * The {@link EchoCanceller}'s far-end reference: the agent audio sent, placed on the call's sample
 * clock where it plays, in a power-of-two ring, with per-block summaries (energy, peak and sum of
 * magnitudes of each 2 ms block) kept as audio is written. Every frame the canceller asks for the
 * loudest stretch of reference over all delays searched (about 120 ms) and for the envelope of the
 * frame's own reference; the summaries answer both without copying or rescanning those samples
 * (each reference sample was otherwise read about seven times). Summaries hold exactly what a scan
 * of {@link #copy} would compute, in the same order of operations.
 *
 * <p>Absolute sample positions: reference before the first written sample, after {@link #end()}, or
 * older than the ring holds reads as zeros.
 *
 * <p>Not thread-safe (the call's control thread).
 */
final class ReferenceRing {

  private final float[] ring;
  private final int mask;
  private final int block;
  private final int slots;
  private final long[] tag; // block index summarised in each slot, or -1
  private final double[] energy;
  private final float[] peak;
  private final float[] magnitude;
  private final float[] scratch;
  private long end;
  private long audibleEnd;

  /**
   * @param minSamples least reference the ring must reach back (rounded up to a power of two for
   *     the samples; the summaries cover exactly this reach, older blocks are summarised afresh)
   * @param blockSamples samples per summarised block
   */
  ReferenceRing(long minSamples, int blockSamples) {
    int size = Integer.highestOneBit((int) Math.max(minSamples, 2)) << 1;
    this.ring = new float[size];
    this.mask = size - 1;
    this.block = blockSamples;
    // 8 kHz: 303 slots of 24 bytes (7 KiB) for 604 ms of reach, not the ring's 1 s.
    this.slots =
        (int) Math.min(size / blockSamples, (minSamples + blockSamples - 1) / blockSamples + 1);
    // One spare slot past the ring's for blocks summarised afresh (see slotOf).
    this.tag = new long[slots + 1];
    Arrays.fill(tag, -1);
    this.energy = new double[slots + 1];
    this.peak = new float[slots + 1];
    this.magnitude = new float[slots + 1];
    this.scratch = new float[blockSamples];
  }

  /** Ring length in samples. */
  int capacity() {
    return ring.length;
  }

  /** One past the newest sample written. */
  long end() {
    return end;
  }

  /** One past the newest non-zero sample written: silence after it cannot echo. */
  long audibleEnd() {
    return audibleEnd;
  }

  /** Writes agent audio that starts playing at absolute sample {@code start}. */
  void add(short[] samples, long start) {
    long oldEnd = end;
    if (start > end) {
      for (long i = Math.max(end, start - ring.length); i < start; i++) {
        ring[(int) (i & mask)] = 0;
      }
    }
    boolean audible = false;
    for (int i = 0; i < samples.length; i++) {
      ring[(int) ((start + i) & mask)] = samples[i] / 32768f;
      audible |= samples[i] != 0;
    }
    end = Math.max(end, start + samples.length);
    if (audible) {
      audibleEnd = Math.max(audibleEnd, start + samples.length);
    }
    summarise(Math.max(Math.min(start, oldEnd), validFrom()), end);
  }

  /** Oldest sample the ring still holds. */
  private long validFrom() {
    return Math.max(0, end - ring.length);
  }

  /**
   * Copies reference samples {@code [from, from + len)} into {@code dst[off..]}, zeros where none
   * is held.
   */
  void copy(long from, float[] dst, int off, int len) {
    long lo = Math.clamp(validFrom(), from, from + len);
    long hi = Math.clamp(end, lo, from + len);
    Arrays.fill(dst, off, off + (int) (lo - from), 0f);
    for (long i = lo; i < hi; ) {
      int start = (int) (i & mask);
      int run = (int) Math.min(hi - i, ring.length - start);
      System.arraycopy(ring, start, dst, off + (int) (i - from), run);
      i += run;
    }
    Arrays.fill(dst, off + (int) (hi - from), off + len, 0f);
  }

  /** Re-summarises every block that holds a sample in {@code [from, to)}. */
  private void summarise(long from, long to) {
    if (from >= to) {
      return;
    }
    long validFrom = validFrom();
    for (long k = Math.floorDiv(from, block); k <= Math.floorDiv(to - 1, block); k++) {
      int slot = (int) Math.floorMod(k, slots);
      if (k * block < validFrom) {
        tag[slot] = -1; // partly gone already: read fresh when asked
      } else {
        summariseInto(k, slot);
      }
    }
  }

  private void summariseInto(long k, int slot) {
    copy(k * block, scratch, 0, block);
    double e = 0;
    float p = 0;
    float m = 0;
    for (float v : scratch) {
      e += (double) v * v;
      p = Math.max(p, Math.abs(v));
      m += Math.abs(v);
    }
    tag[slot] = k;
    energy[slot] = e;
    peak[slot] = p;
    magnitude[slot] = m;
  }

  /**
   * The slot summarising block {@code k} (samples {@code [k * block, (k + 1) * block)}), or -1 for
   * a block that reads as all zeros. A block partly older than the ring holds is summarised afresh
   * into a spare slot (what a copy reads now: zeros for its lost part).
   */
  private int slotOf(long k) {
    long first = k * block;
    long validFrom = validFrom();
    if (first + block <= validFrom || first >= end) {
      return -1;
    }
    int slot = (int) Math.floorMod(k, slots);
    // (A block partly older than the ring has lost its slot to the block a ring's length later,
    // which has been written by then; the first test only makes that explicit.)
    if (first < validFrom || tag[slot] != k) {
      summariseInto(k, slots);
      return slots;
    }
    return slot;
  }

  /** {@code Σ v²} over block {@code k}, summed in sample order. */
  double blockEnergy(long k) {
    int slot = slotOf(k);
    return slot < 0 ? 0 : energy[slot];
  }

  /** {@code max |v|} over block {@code k}. */
  float blockPeak(long k) {
    int slot = slotOf(k);
    return slot < 0 ? 0 : peak[slot];
  }

  /** {@code Σ |v|} over block {@code k}, summed in sample order. */
  float blockMagnitude(long k) {
    int slot = slotOf(k);
    return slot < 0 ? 0 : magnitude[slot];
  }
}
