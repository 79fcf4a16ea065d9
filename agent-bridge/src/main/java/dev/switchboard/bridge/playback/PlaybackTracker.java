package dev.switchboard.bridge.playback;

/**
 * Tracks agent audio from "written to the carrier" to "played to the caller". Implementations
 * differ in what tells them audio was played: the carrier's mark echoes ({@link
 * MarkPlaybackTracker}, Twilio) or our own playout clock ({@link PacedPlaybackTracker}, SIP).
 *
 * <p>Confined to the call's control thread.
 */
public interface PlaybackTracker {

  /**
   * Records that {@code frame} was written to the sink at {@code nowNanos}.
   *
   * @param endOfRun nothing follows the frame yet in the same content part (the part ended or our
   *     queue ran dry): a mark-confirmed tracker marks it, so the end of each item is exact
   * @return the mark name to write right after the frame, or {@code null} for no mark
   */
  String onWritten(OutboundFrame frame, long nowNanos, boolean endOfRun);

  /** {@link #onWritten(OutboundFrame, long, boolean)} when the writer cannot tell: marked. */
  default String onWritten(OutboundFrame frame, long nowNanos) {
    return onWritten(frame, nowNanos, true);
  }

  /** A mark came back from the carrier; unknown and stale (cleared) marks are ignored. */
  void onMarkPlayed(String name, long nowNanos);

  /** Where the caller is now. {@code interrupted} is always false here. */
  PlaybackPosition position(long nowNanos);

  /** Agent audio written to the carrier and not yet played, in microseconds. */
  long unplayedMicros(long nowNanos);

  /** True while written audio remains unplayed. */
  default boolean audible(long nowNanos) {
    return unplayedMicros(nowNanos) > 0;
  }

  /**
   * The carrier buffer was cleared: forgets unplayed audio, bumps the playback generation so marks
   * echoed because of the clear are discarded, and returns the frozen position (interrupted when
   * unplayed audio was dropped).
   */
  Cleared clear(long nowNanos);

  /** True while frames of {@code itemId} are written and not yet played. */
  boolean holds(String itemId, long nowNanos);

  /** Marks echoed after a clear that were discarded (not credited), for metrics. */
  long discardedMarks();

  /**
   * Result of {@link #clear}.
   *
   * @param position what the caller heard of the part that was playing
   * @param unplayed frames written but not played, oldest first (to resume after a false
   *     interruption)
   */
  record Cleared(PlaybackPosition position, java.util.List<OutboundFrame> unplayed) {}
}
