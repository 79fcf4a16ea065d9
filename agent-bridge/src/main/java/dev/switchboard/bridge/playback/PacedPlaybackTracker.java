package dev.switchboard.bridge.playback;

/**
 * Our own playout clock is the truth (SIP: the RTP pacer sends one 20 ms frame per tick from the
 * moment audio is written): a frame written at {@code t} into an idle sink plays during {@code [t,
 * t+20 ms)}, the next right after it. No marks are needed.
 *
 * <p>Confined to the call's control thread.
 */
public final class PacedPlaybackTracker extends AbstractPlaybackTracker {

  @Override
  public String onWritten(OutboundFrame frame, long nowNanos) {
    advance(nowNanos);
    pending.addLast(new Pending(frame, nowNanos, null));
    pendingMicros += frame.frame().durationMicros();
    return null;
  }

  @Override
  public void onMarkPlayed(String name, long nowNanos) {
    advance(nowNanos);
  }

  @Override
  public PlaybackPosition position(long nowNanos) {
    advance(nowNanos);
    return super.position(nowNanos);
  }

  @Override
  public long unplayedMicros(long nowNanos) {
    advance(nowNanos);
    return super.unplayedMicros(nowNanos);
  }

  @Override
  public Cleared clear(long nowNanos) {
    advance(nowNanos);
    return super.clear(nowNanos);
  }

  /** Credits every frame whose playout slot has ended by {@code nowNanos}. */
  private void advance(long nowNanos) {
    while (!pending.isEmpty()) {
      long end = oldestStartNanos() + pending.peekFirst().frame().frame().durationMicros() * 1000;
      if (end > nowNanos) {
        return;
      }
      creditOldest(end);
    }
  }

  @Override
  public String toString() {
    return "PacedPlaybackTracker[unplayed=" + pending.size() + " frames]";
  }
}
