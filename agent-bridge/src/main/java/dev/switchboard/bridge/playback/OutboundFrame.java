package dev.switchboard.bridge.playback;

import dev.switchboard.transcoding.PcmFrame;

/**
 * One 20 ms frame of agent audio at the sink rate, tagged with the item it belongs to.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param itemId backend item id
 * @param contentIndex content part of the item
 * @param startMicros offset of the frame's first sample within the content part
 * @param frame the audio
 */
public record OutboundFrame(String itemId, int contentIndex, long startMicros, PcmFrame frame) {

  public long endMicros() {
    return startMicros + frame.durationMicros();
  }
}
