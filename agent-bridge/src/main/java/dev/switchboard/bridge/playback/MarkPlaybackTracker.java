package dev.switchboard.bridge.playback;

/**
 * Credits agent audio when the carrier echoes the mark written after it (Twilio Media Streams
 * {@code mark}: "sent ... when the audio before it has been played"). One mark follows every frame,
 * so "heard" is known to one frame and interpolated on the clock inside it, never beyond the next
 * unechoed mark.
 *
 * <p>Marks echoed because of a {@code clear} name an older playback generation and are discarded,
 * never credited: that audio was dropped, not played. Confined to the call's control thread.
 */
public final class MarkPlaybackTracker extends AbstractPlaybackTracker {

  @Override
  public String onWritten(OutboundFrame frame, long nowNanos) {
    String mark =
        new MarkName(generation, frame.itemId(), frame.contentIndex(), frame.endMicros()).encode();
    pending.addLast(new Pending(frame, nowNanos, mark));
    pendingMicros += frame.frame().durationMicros();
    return mark;
  }

  @Override
  public void onMarkPlayed(String name, long nowNanos) {
    MarkName mark = MarkName.parse(name);
    if (mark == null) {
      return;
    }
    if (mark.generation() != generation) {
      discardedMarks++;
      return;
    }
    boolean known = pending.stream().anyMatch(p -> p.mark().equals(name));
    if (!known) {
      return;
    }
    // Marks echo in order; everything up to this mark has been played.
    while (!pending.isEmpty()) {
      boolean last = pending.peekFirst().mark().equals(name);
      creditOldest(nowNanos);
      if (last) {
        break;
      }
    }
  }

  @Override
  public String toString() {
    return "MarkPlaybackTracker[gen=" + generation + ", unplayed=" + pending.size() + " frames]";
  }
}
