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
  public String onWritten(OutboundFrame frame, long nowNanos, boolean endOfRun) {
    written(frame, nowNanos);
    return null;
  }

  @Override
  public void onMarkPlayed(String name, long nowNanos) {
    advance(nowNanos);
  }

  @Override
  public String toString() {
    return "PacedPlaybackTracker[unplayed=" + pending.size() + " frames]";
  }
}
