package dev.switchboard.recordings.audio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The PCI pauses of one recording on the call clock. While paused, both channels are written as
 * silence and the transcript redacts what falls inside (PCI DSS v4.0 requirement 3.3.1: sensitive
 * authentication data, e.g. a card's security code, must not be retained after authorisation).
 * Confined to the writer thread.
 */
public final class PausedSpans {

  /** One span; {@code end} is {@code null} while the pause lasts. */
  public record Span(Duration start, Duration end, String reason) {

    boolean covers(Duration at) {
      return at.compareTo(start) >= 0 && (end == null || at.compareTo(end) < 0);
    }
  }

  private final List<Span> spans = new ArrayList<>();

  /** Starts a pause at {@code at}; ignored while already paused. */
  public boolean pause(Duration at, String reason) {
    if (paused()) {
      return false;
    }
    spans.add(new Span(at, null, reason));
    return true;
  }

  /** Ends the current pause at {@code at}; ignored when not paused. */
  public boolean resume(Duration at) {
    if (!paused()) {
      return false;
    }
    Span open = spans.removeLast();
    Duration end = at.compareTo(open.start()) < 0 ? open.start() : at;
    spans.add(new Span(open.start(), end, open.reason()));
    return true;
  }

  public boolean paused() {
    return !spans.isEmpty() && spans.getLast().end() == null;
  }

  /** True when {@code at} falls inside a pause. */
  public boolean covers(Duration at) {
    for (Span s : spans) {
      if (s.covers(at)) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code [from, to)} overlaps a pause. */
  public boolean overlaps(Duration from, Duration to) {
    for (Span s : spans) {
      boolean endsAfterFrom = s.end() == null || s.end().compareTo(from) > 0;
      if (endsAfterFrom && s.start().compareTo(to) < 0) {
        return true;
      }
    }
    return covers(from);
  }

  /** Silences the samples of {@code [fromSample, fromSample + len)} that fall in a pause. */
  void mute(short[] left, short[] right, long fromSample, int rateHz) {
    for (Span s : spans) {
      long a = s.start().toNanos() * rateHz / 1_000_000_000L;
      long b = s.end() == null ? Long.MAX_VALUE : s.end().toNanos() * rateHz / 1_000_000_000L;
      long from = Math.max(a, fromSample) - fromSample;
      long to = Math.min(b, fromSample + left.length) - fromSample;
      for (long i = from; i < to; i++) {
        left[(int) i] = 0;
        right[(int) i] = 0;
      }
    }
  }

  /** Closed copy for the metadata: an open pause ends at {@code callEnd}. */
  public List<Span> snapshot(Duration callEnd) {
    List<Span> out = new ArrayList<>(spans.size());
    for (Span s : spans) {
      out.add(s.end() == null ? new Span(s.start(), callEnd, s.reason()) : s);
    }
    return out;
  }
}
