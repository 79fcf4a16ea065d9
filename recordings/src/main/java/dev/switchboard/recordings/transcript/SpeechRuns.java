package dev.switchboard.recordings.transcript;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where one leg had audio on the call clock, as runs {@code [start, end)} in ms: the transcript's
 * start/end times come from here, because the backend reports text without audio timing (and caller
 * transcription may arrive after the agent's reply). Runs closer than {@code mergeGapMs} merge.
 * Confined to the writer thread.
 */
public final class SpeechRuns {

  /** One run of audio; mutable while open. */
  static final class Run {
    long startMs;
    long endMs;
    boolean assigned;

    Run(long startMs, long endMs) {
      this.startMs = startMs;
      this.endMs = endMs;
    }
  }

  private final long mergeGapMs;
  private final List<Run> runs = new ArrayList<>();

  public SpeechRuns(Duration mergeGap) {
    this.mergeGapMs = mergeGap.toMillis();
  }

  /** The leg had audio over {@code [startMs, endMs)}. */
  public void active(long startMs, long endMs) {
    Run last = runs.isEmpty() ? null : runs.getLast();
    if (last != null && startMs <= last.endMs + mergeGapMs && startMs >= last.startMs) {
      last.endMs = Math.max(last.endMs, endMs);
    } else {
      runs.add(new Run(startMs, endMs));
    }
  }

  /** Nothing after {@code atMs} was heard (a playback clear). */
  public void cutAt(long atMs) {
    runs.removeIf(r -> r.startMs >= atMs);
    for (Run r : runs) {
      r.endMs = Math.min(r.endMs, atMs);
    }
  }

  /**
   * Claims the earliest unclaimed run that started before {@code beforeMs} (a caller utterance
   * whose transcript arrived at {@code beforeMs}); returns {@code [start, end]} or {@code null}.
   */
  public long[] claimEarliest(long beforeMs) {
    for (Run r : runs) {
      if (!r.assigned && r.startMs < beforeMs) {
        r.assigned = true;
        return new long[] {r.startMs, Math.min(r.endMs, beforeMs)};
      }
    }
    return null;
  }

  /**
   * Claims {@code heardMs} of audio from {@code fromMs} on (agent items play back to back inside a
   * run); returns {@code [start, end]} or {@code null} when no audio follows {@code fromMs}.
   */
  public long[] claimFrom(long fromMs, long heardMs) {
    for (Run r : runs) {
      if (r.endMs > fromMs) {
        long start = Math.max(r.startMs, fromMs);
        return new long[] {start, start + heardMs};
      }
    }
    return null;
  }
}
