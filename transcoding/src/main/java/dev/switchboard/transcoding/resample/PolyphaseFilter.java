package dev.switchboard.transcoding.resample;

import java.util.Arrays;

/**
 * The streaming float core of the rational resampler: push input samples of any count, render every
 * output that input makes available. Output {@code n} is ready as soon as the input sample it
 * centres on ({@code ⌊nM/L⌋}) has arrived, so after {@code T} inputs exactly {@code ⌈T·L/M⌉}
 * outputs exist: 160 → 480, 480 → 160, 320 → 480 per 20 ms frame, the fraction carried in the
 * counters for odd sizes. Nothing is held back beyond the filter's own group delay.
 *
 * <p>Every output is computed by the same sequence of operations whatever the chunking: taps in a
 * fixed order, float products summed in groups of {@link PolyphaseDesign#TAP_GROUP}, groups
 * accumulated in double (see {@link Kernels}), then rounded to float. So chunked output equals
 * one-shot output bit for bit. Java arithmetic is IEEE 754 with no fused contraction, so the result
 * is also independent of JIT vectorisation.
 *
 * <p>State: the de-interleaved input history (one stream per input phase, see {@link
 * PolyphaseDesign}) and two counters. Scratch arrays grow to the largest frame seen and are then
 * reused: no per-frame allocation. Not thread-safe: one stream, one thread at a time.
 */
final class PolyphaseFilter {

  private final PolyphaseDesign design;
  private final int up;
  private final int down;

  /** History kept below the oldest sample still needed, in stream samples. */
  private final int historyPerStream;

  /** M streams, each {@code capacity} long; stream d position k holds x[(origin + k)·M + d]. */
  private float[] streams;

  private int capacity;
  private long origin;
  private long inputCount;
  private long outputCount;
  private double[] accumulator = new double[0];
  private short[] pcm16 = new short[0];
  private final int[] termOffsets;

  PolyphaseFilter(PolyphaseDesign design) {
    this.design = design;
    this.up = design.up;
    this.down = design.down;
    this.historyPerStream = Math.ceilDiv(design.tapsPerPhase, down) + 1;
    // Room for 100 ms of input before the history is moved down.
    this.capacity = historyPerStream + Math.ceilDiv(design.inputRateHz / 10, down) + 1;
    this.streams = new float[down * capacity];
    this.termOffsets = new int[design.offsets.length];
    computeTermOffsets();
    reset();
  }

  PolyphaseDesign design() {
    return design;
  }

  void reset() {
    Arrays.fill(streams, 0f);
    origin = -historyPerStream;
    inputCount = 0;
    outputCount = 0;
  }

  /** Outputs that {@link #render} would produce now. */
  int pending() {
    return (int) (Math.ceilDiv(inputCount * up, down) - outputCount);
  }

  /** Convenience for tests and analysis: push {@code in} and return every output it completes. */
  float[] process(float[] in) {
    push(in, 0, in.length);
    float[] out = new float[pending()];
    render(out);
    return out;
  }

  void push(float[] in, int offset, int length) {
    makeRoom(length);
    if (down == 1) {
      System.arraycopy(in, offset, streams, (int) (inputCount - origin), length);
    } else {
      // De-interleave: one strided pass per stream, no per-sample branch.
      for (int d = 0; d < down; d++) {
        int first = firstOfStream(d);
        int position = streamPosition(d, first);
        for (int i = first; i < length; i += down) {
          streams[position++] = in[offset + i];
        }
      }
    }
    inputCount += length;
  }

  void push(short[] in, int offset, int length) {
    makeRoom(length);
    if (down == 1) {
      int base = (int) (inputCount - origin);
      float[] z = streams;
      for (int i = 0; i < length; i++) {
        z[base + i] = in[offset + i];
      }
    } else {
      // De-interleave: one strided pass per stream, no per-sample branch.
      for (int d = 0; d < down; d++) {
        int first = firstOfStream(d);
        int position = streamPosition(d, first);
        for (int i = first; i < length; i += down) {
          streams[position++] = in[offset + i];
        }
      }
    }
    inputCount += length;
  }

  /**
   * Saturates to 16 bits and rounds to nearest, ties to even, from the float value. A contiguous
   * loop (interleaving happens after) so that C2 vectorises it: twice as fast as a strided one.
   */
  private static void toPcm16(double[] acc, short[] out, int offset, int length) {
    for (int u = 0; u < length; u++) {
      float value = Math.max(-32768f, Math.min(32767f, (float) acc[u]));
      out[offset + u] = (short) (int) Math.rint(value);
    }
  }

  /** Index in the next pushed chunk of its first sample that belongs to stream {@code d}. */
  private int firstOfStream(int d) {
    return (int) Math.floorMod(d - inputCount, (long) down);
  }

  /** Position in {@link #streams} of chunk sample {@code first} (which belongs to stream d). */
  private int streamPosition(int d, int first) {
    return d * capacity + (int) (Math.floorDiv(inputCount + first, (long) down) - origin);
  }

  /** Computes all {@link #pending()} outputs into {@code out[0..pending)}; returns the count. */
  int render(float[] out) {
    return render(out, null);
  }

  /**
   * Computes all {@link #pending()} outputs, each rounded to nearest (ties to even) from its float
   * value and saturated to 16 bits, into {@code out[0..pending)}; returns the count.
   */
  int render(short[] out) {
    return render(null, out);
  }

  private int render(float[] floats, short[] shorts) {
    long end = Math.ceilDiv(inputCount * up, down);
    int count = (int) (end - outputCount);
    for (int s = 0; s < up; s++) {
      long firstQ = Math.ceilDiv(outputCount - s, up);
      int length = (int) (Math.ceilDiv(end - s, up) - firstQ);
      if (length <= 0) {
        continue;
      }
      double[] acc = scratch(length);
      accumulateClass(s, firstQ, acc, length);
      int position = (int) (firstQ * up + s - outputCount);
      if (floats != null) {
        for (int u = 0; u < length; u++, position += up) {
          floats[position] = (float) acc[u];
        }
      } else if (up == 1) {
        toPcm16(acc, shorts, position, length);
      } else {
        short[] run = shortScratch(length);
        toPcm16(acc, run, 0, length);
        for (int u = 0; u < length; u++, position += up) {
          shorts[position] = run[u];
        }
      }
    }
    outputCount = end;
    return count;
  }

  /** {@code acc[u] = y[(firstQ + u)·L + s]} for u in [0, length). */
  private void accumulateClass(int s, long firstQ, double[] acc, int length) {
    int terms = design.termsPerClass;
    Kernels.accumulate(
        acc,
        length,
        streams,
        design.coefficients,
        termOffsets,
        s * terms,
        (s + 1) * terms,
        (int) (firstQ - origin));
  }

  /** Where each term reads in {@link #streams}, for q = origin; depends on the capacity. */
  private void computeTermOffsets() {
    for (int k = 0; k < termOffsets.length; k++) {
      termOffsets[k] = design.streams[k] * capacity + design.offsets[k];
    }
  }

  private short[] shortScratch(int length) {
    if (pcm16.length < length) {
      pcm16 = new short[length];
    }
    return pcm16;
  }

  private double[] scratch(int length) {
    if (accumulator.length < length) {
      accumulator = new double[length];
    }
    return accumulator;
  }

  /** Makes sure {@code length} more inputs fit, dropping history no future output reads. */
  private void makeRoom(int length) {
    long lastStreamIndex = Math.floorDiv(inputCount + length - 1, (long) down);
    if (lastStreamIndex - origin < capacity) {
      return;
    }
    // The oldest input any future output reads: ⌊outputCount·M/L⌋ − (taps per phase − 1).
    long oldestInput = Math.floorDiv(outputCount * down, up) - (design.tapsPerPhase - 1);
    long keepFrom = Math.max(origin, Math.floorDiv(oldestInput, (long) down));
    int used = (int) (Math.ceilDiv(inputCount, (long) down) - origin);
    int drop = (int) (keepFrom - origin);
    int kept = used - drop;
    int needed = (int) (lastStreamIndex - keepFrom + 1);
    if (needed > capacity) {
      int newCapacity = Math.max(needed + historyPerStream, 2 * capacity);
      float[] grown = new float[down * newCapacity];
      for (int d = 0; d < down; d++) {
        System.arraycopy(streams, d * capacity + drop, grown, d * newCapacity, kept);
      }
      streams = grown;
      capacity = newCapacity;
      computeTermOffsets();
    } else {
      for (int d = 0; d < down; d++) {
        System.arraycopy(streams, d * capacity + drop, streams, d * capacity, kept);
      }
    }
    origin = keepFrom;
  }
}
