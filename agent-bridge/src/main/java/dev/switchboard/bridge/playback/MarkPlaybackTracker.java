package dev.switchboard.bridge.playback;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carrier-confirmed playback (Twilio Media Streams {@code mark}: echoed "when the audio before it
 * has been played"). One mark follows every frame. The playout model of the base class gives the
 * position between echoes (a mark arrives one uplink delay after its audio played, so crediting
 * only on echo would understate what was heard by that delay); echoes correct the model when it
 * lags, and bound it when the carrier stalls: the model never runs more than {@link
 * #STALL_ALLOWANCE_MICROS} ahead of the last confirmed audio, so the lead at the carrier stays
 * bounded.
 *
 * <p>Marks echoed because of a {@code clear} name an older playback generation and are discarded:
 * that audio was dropped, not played. Confined to the call's control thread.
 */
public final class MarkPlaybackTracker extends AbstractPlaybackTracker {

  /** Longest the model may run ahead of mark confirmations (covers a round trip and jitter). */
  static final long STALL_ALLOWANCE_MICROS = 300_000;

  private final Map<String, Long> outstanding = new LinkedHashMap<>();
  private long writtenMicros;
  private long confirmedMicros;

  @Override
  public String onWritten(OutboundFrame frame, long nowNanos) {
    written(frame, nowNanos);
    writtenMicros += frame.frame().durationMicros();
    String mark =
        new MarkName(generation, frame.itemId(), frame.contentIndex(), frame.endMicros()).encode();
    outstanding.put(mark, writtenMicros);
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
    Long upTo = outstanding.get(name);
    if (upTo == null) {
      return;
    }
    // Marks echo in order: everything up to this one has played.
    for (Iterator<Long> it = outstanding.values().iterator(); it.hasNext(); ) {
      long v = it.next();
      it.remove();
      if (v == upTo) {
        break;
      }
    }
    confirmedMicros = upTo;
    advance(nowNanos);
    long modelPlayed = writtenMicros - pendingMicros;
    while (modelPlayed < confirmedMicros && !pending.isEmpty()) {
      // The model lags the carrier: re-anchor on the confirmation.
      modelPlayed += pending.peekFirst().frame().frame().durationMicros();
      creditOldest(nowNanos);
    }
  }

  @Override
  void advance(long nowNanos) {
    while (!pending.isEmpty()) {
      long dur = pending.peekFirst().frame().frame().durationMicros();
      long end = oldestStartNanos() + dur * 1000;
      if (end > nowNanos || dur > headroomMicros()) {
        return;
      }
      creditOldest(end);
    }
  }

  @Override
  long headroomMicros() {
    return confirmedMicros + STALL_ALLOWANCE_MICROS - (writtenMicros - pendingMicros);
  }

  @Override
  public Cleared clear(long nowNanos) {
    Cleared c = super.clear(nowNanos);
    outstanding.clear();
    confirmedMicros = writtenMicros;
    return c;
  }

  @Override
  public String toString() {
    return "MarkPlaybackTracker[gen="
        + generation
        + ", outstanding marks="
        + outstanding.size()
        + "]";
  }
}
