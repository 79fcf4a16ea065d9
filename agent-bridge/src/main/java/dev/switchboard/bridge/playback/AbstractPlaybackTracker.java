package dev.switchboard.bridge.playback;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The playout model both trackers share: written frames play back to back, each starting no earlier
 * than it was written and no earlier than the previous one ended. A frame whose modelled end has
 * passed counts as played; inside the playing frame the position is interpolated on the clock. A
 * constant network delay shifts our writes and our clear alike, so it cancels out.
 *
 * <p>Confined to the call's control thread.
 */
abstract sealed class AbstractPlaybackTracker implements PlaybackTracker
    permits MarkPlaybackTracker, PacedPlaybackTracker {

  /** A written frame and when it was written. */
  record Pending(OutboundFrame frame, long writtenNanos) {}

  final ArrayDeque<Pending> pending = new ArrayDeque<>();
  long pendingMicros;
  OutboundFrame lastPlayed;
  long lastPlayedEndNanos;
  long generation;
  long discardedMarks;

  void written(OutboundFrame frame, long nowNanos) {
    advance(nowNanos);
    pending.addLast(new Pending(frame, nowNanos));
    pendingMicros += frame.frame().durationMicros();
  }

  /** Removes the oldest pending frame as played, ending at {@code endNanos}. */
  final void creditOldest(long endNanos) {
    Pending p = pending.removeFirst();
    pendingMicros -= p.frame().frame().durationMicros();
    lastPlayed = p.frame();
    lastPlayedEndNanos = endNanos;
  }

  /** When the oldest pending frame started (or starts) playing in the model. */
  final long oldestStartNanos() {
    Pending first = pending.peekFirst();
    return lastPlayed == null
        ? first.writtenNanos()
        : Math.max(first.writtenNanos(), lastPlayedEndNanos);
  }

  /** Credits every frame whose modelled playout has ended by {@code nowNanos}. */
  void advance(long nowNanos) {
    while (!pending.isEmpty()) {
      long end = oldestStartNanos() + pending.peekFirst().frame().frame().durationMicros() * 1000;
      if (end > nowNanos) {
        return;
      }
      creditOldest(end);
    }
  }

  /** Microseconds of the oldest pending frame already played, interpolated on the clock. */
  final long playedOfOldestMicros(long nowNanos) {
    Pending first = pending.peekFirst();
    if (first == null) {
      return 0;
    }
    long elapsedMicros = (nowNanos - oldestStartNanos()) / 1000;
    long max = Math.min(first.frame().frame().durationMicros(), headroomMicros());
    return Math.clamp(elapsedMicros, 0, Math.max(0, max));
  }

  /** How much further the model may run; unlimited unless a subclass bounds it. */
  long headroomMicros() {
    return Long.MAX_VALUE;
  }

  @Override
  public PlaybackPosition position(long nowNanos) {
    advance(nowNanos);
    Pending first = pending.peekFirst();
    if (first != null) {
      long played = playedOfOldestMicros(nowNanos);
      if (played > 0 || lastPlayed == null || !sameContent(lastPlayed, first.frame())) {
        OutboundFrame f = first.frame();
        return at(f.itemId(), f.contentIndex(), f.startMicros() + played, false);
      }
    }
    if (lastPlayed == null) {
      return PlaybackPosition.NONE;
    }
    return at(lastPlayed.itemId(), lastPlayed.contentIndex(), lastPlayed.endMicros(), false);
  }

  @Override
  public long unplayedMicros(long nowNanos) {
    advance(nowNanos);
    return pendingMicros - playedOfOldestMicros(nowNanos);
  }

  @Override
  public Cleared clear(long nowNanos) {
    PlaybackPosition now = position(nowNanos);
    boolean cut = !pending.isEmpty();
    List<OutboundFrame> unplayed = new ArrayList<>(pending.size());
    for (Pending p : pending) {
      unplayed.add(p.frame());
    }
    pending.clear();
    pendingMicros = 0;
    generation++;
    lastPlayedEndNanos = Math.min(lastPlayedEndNanos, nowNanos);
    if (cut && now.itemId() != null) {
      now = new PlaybackPosition(now.itemId(), now.contentIndex(), now.heard(), true);
    }
    return new Cleared(now, unplayed);
  }

  @Override
  public boolean holds(String itemId, long nowNanos) {
    advance(nowNanos);
    for (Pending p : pending) {
      if (p.frame().itemId().equals(itemId)) {
        return true;
      }
    }
    return false;
  }

  @Override
  public long discardedMarks() {
    return discardedMarks;
  }

  static boolean sameContent(OutboundFrame a, OutboundFrame b) {
    return a.contentIndex() == b.contentIndex() && a.itemId().equals(b.itemId());
  }

  static PlaybackPosition at(String itemId, int contentIndex, long micros, boolean interrupted) {
    return new PlaybackPosition(itemId, contentIndex, Duration.ofNanos(micros * 1000), interrupted);
  }
}
