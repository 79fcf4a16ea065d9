package dev.switchboard.bridge.playback;

import java.time.Duration;

/**
 * How much of one agent audio content part the caller heard. The single source for truncation, the
 * agent's transcript line and the agent track of the recording.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param itemId backend item id, or {@code null} when nothing was ever played
 * @param contentIndex content part of the item
 * @param heard audio of the part actually played out to the caller
 * @param interrupted playback of this part was cut before its end
 */
public record PlaybackPosition(
    String itemId, int contentIndex, Duration heard, boolean interrupted) {

  public static final PlaybackPosition NONE = new PlaybackPosition(null, 0, Duration.ZERO, false);

  public PlaybackPosition {
    if (heard == null || heard.isNegative()) {
      throw new IllegalArgumentException("heard must be >= 0, was " + heard);
    }
  }

  public long heardMillis() {
    return heard.toMillis();
  }
}
