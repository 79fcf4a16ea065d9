package dev.switchboard.bridge.playback;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Carrier-confirmed playback (Twilio Media Streams {@code mark}: echoed "when the audio before it
 * has been played"). A mark follows every {@code markIntervalMicros} of audio and the last frame of
 * every run (end of a content part, or nothing more queued), so the end of each item is confirmed
 * exactly while a long answer costs one mark per chunk rather than per 20 ms frame. The playout
 * model of the base class gives the position between echoes (a mark arrives one uplink delay after
 * its audio played, so crediting only on echo would understate what was heard by that delay);
 * echoes correct the model when it lags, and bound it when the carrier stalls: the model never runs
 * more than {@link #STALL_ALLOWANCE_MICROS} (plus the mark interval beyond one frame, since
 * confirmations are that much coarser) ahead of the last confirmed audio, so the lead at the
 * carrier stays bounded.
 *
 * <p>Marks echoed because of a {@code clear} name an older playback generation and are discarded:
 * that audio was dropped, not played. Confined to the call's control thread.
 */
public final class MarkPlaybackTracker extends AbstractPlaybackTracker {

  /** Longest the model may run ahead of mark confirmations (covers a round trip and jitter). */
  static final long STALL_ALLOWANCE_MICROS = 300_000;

  /** One mark per 20 ms frame: every frame confirmed (the behaviour before mark intervals). */
  static final long FRAME_MICROS = 20_000;

  private final Map<String, Long> outstanding = new LinkedHashMap<>();
  private final long markIntervalMicros;
  private final long stallAllowanceMicros;
  private long writtenMicros;
  private long unmarkedMicros;
  private long confirmedMicros;

  /** A mark after every frame. */
  public MarkPlaybackTracker() {
    this(FRAME_MICROS);
  }

  /**
   * @param markIntervalMicros most audio written between two marks inside one run, at least one 20
   *     ms frame
   */
  public MarkPlaybackTracker(long markIntervalMicros) {
    if (markIntervalMicros < FRAME_MICROS) {
      throw new IllegalArgumentException(
          "mark interval must be >= 20 ms, was " + markIntervalMicros + " µs");
    }
    this.markIntervalMicros = markIntervalMicros;
    this.stallAllowanceMicros = STALL_ALLOWANCE_MICROS + markIntervalMicros - FRAME_MICROS;
  }

  @Override
  public String onWritten(OutboundFrame frame, long nowNanos, boolean endOfRun) {
    written(frame, nowNanos);
    writtenMicros += frame.frame().durationMicros();
    unmarkedMicros += frame.frame().durationMicros();
    if (!endOfRun && unmarkedMicros < markIntervalMicros) {
      return null;
    }
    unmarkedMicros = 0;
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
    return confirmedMicros + stallAllowanceMicros - (writtenMicros - pendingMicros);
  }

  @Override
  public Cleared clear(long nowNanos) {
    Cleared c = super.clear(nowNanos);
    outstanding.clear();
    confirmedMicros = writtenMicros;
    unmarkedMicros = 0;
    return c;
  }

  @Override
  public String toString() {
    return "MarkPlaybackTracker[gen="
        + generation
        + ", mark every "
        + markIntervalMicros / 1000
        + " ms"
        + ", outstanding marks="
        + outstanding.size()
        + "]";
  }
}
