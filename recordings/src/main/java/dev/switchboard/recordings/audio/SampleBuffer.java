package dev.switchboard.recordings.audio;

import java.util.Arrays;

/**
 * One channel's samples not yet written to the file, addressed by absolute sample index on the call
 * clock: index {@code base} is the first unwritten sample. Positions past {@link #end()} read as
 * silence. Confined to the writer thread.
 */
final class SampleBuffer {

  private short[] data = new short[4096];
  private long base;
  private int length;

  long base() {
    return base;
  }

  /** One past the last sample held (absolute index). */
  long end() {
    return base + length;
  }

  /** Writes {@code count} samples from {@code src[off..]} at absolute index {@code at}. */
  void put(long at, short[] src, int off, int count) {
    if (at < base) {
      int skip = (int) Math.min(count, base - at);
      at += skip;
      off += skip;
      count -= skip;
    }
    if (count <= 0) {
      return;
    }
    int rel = (int) (at - base);
    ensure(rel + count);
    if (rel > length) {
      Arrays.fill(data, length, rel, (short) 0); // a gap: silence, not stale samples
    }
    System.arraycopy(src, off, data, rel, count);
    length = Math.max(length, rel + count);
  }

  /** Forgets everything from absolute index {@code at} on (a playback clear). */
  void truncate(long at) {
    long rel = Math.max(0, at - base);
    if (rel < length) {
      length = (int) rel;
    }
  }

  /** Extends with silence up to absolute index {@code at}. */
  void padTo(long at) {
    long rel = at - base;
    if (rel > length) {
      ensure((int) rel);
      Arrays.fill(data, length, (int) rel, (short) 0);
      length = (int) rel;
    }
  }

  /** Removes and returns samples {@code [base, until)}, silence where nothing was put. */
  short[] take(long until) {
    int n = (int) Math.max(0, until - base);
    short[] out = new short[n];
    System.arraycopy(data, 0, out, 0, Math.min(n, length));
    int keep = Math.max(0, length - n);
    System.arraycopy(data, Math.min(n, length), data, 0, keep);
    length = keep;
    base += n;
    return out;
  }

  private void ensure(int capacity) {
    if (capacity > data.length) {
      data = Arrays.copyOf(data, Math.max(capacity, data.length * 2));
    }
  }
}
