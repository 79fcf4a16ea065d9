package dev.switchboard.sip.rtp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * Adaptive jitter buffer for one RTP stream, keyed by (extended) timestamp and played out by a
 * caller-supplied clock (the 20 ms media tick), so it is tested on a manual clock.
 *
 * <p>Model: the first packet of a talkspurt anchors RTP time to local time; a packet with timestamp
 * {@code ts} is due at {@code anchor + (ts - anchorTs) / rate + delay}. The delay starts at {@link
 * #MIN_DELAY_MILLIS}; a packet arriving after its slot was played is dropped as late and raises the
 * delay by one frame (up to {@link #MAX_DELAY_MILLIS}); after {@link #STABLE_MILLIS} without late
 * packets the delay steps back down towards {@code max(MIN, 2·jitter + 20 ms)}, bounded by the
 * 40–60 ms target range unless late packets proved more is needed. Stepping down plays one extra
 * frame at once rather than dropping audio. More than the current delay plus {@link
 * #BURST_MARGIN_MILLIS} of queued audio drops the oldest packets (clock drift or a burst after a
 * stall). The margin is on top of the delay because a stream played at delay D always holds about D
 * of audio: with a fixed limit equal to the maximum delay, a buffer that had grown to it dropped
 * nearly every packet as overflow (half the uplink under load, issue #5).
 *
 * <p>A gap before a packet that is already here becomes {@link Playout.Conceal} with that packet
 * (so Opus can use its FEC). After {@link #IDLE_AFTER_MILLIS} with nothing to play the buffer goes
 * idle (DTX, comfort noise, hold) and the next packet re-anchors; so does a marker bit on a packet
 * that starts a new talkspurt, and a new SSRC.
 *
 * <p>Thread-safe: {@link #offer} runs on the receive thread, {@link #poll} on the media tick.
 */
public final class JitterBuffer {

  public static final int MIN_DELAY_MILLIS = 40;
  public static final int TARGET_MAX_MILLIS = 60;
  public static final int MAX_DELAY_MILLIS = 200;

  /** Audio that may queue beyond the current delay before the oldest packets are dropped. */
  public static final int BURST_MARGIN_MILLIS = 200;

  static final int STABLE_MILLIS = 5_000;
  static final int IDLE_AFTER_MILLIS = 100;
  private static final int STEP_MILLIS = 20;

  /** What became of an offered packet. */
  public enum Offer {
    ACCEPTED,
    LATE,
    DUPLICATE,
    OVERFLOW
  }

  private final int clockRateHz;
  private final ToIntFunction<RtpPacket> durationUnits;
  private final TreeMap<Long, RtpPacket> queue = new TreeMap<>();

  private boolean playing;
  private long ssrc = -1;
  private long lastTimestamp; // unsigned 32-bit
  private long lastExtended;
  private boolean haveExtension;
  private long anchorNanos;
  private long anchorTs;
  private long nextTs; // extended timestamp of the next sample to play
  private int delayMillis = MIN_DELAY_MILLIS;
  private long lastLateNanos;
  private long lastPlayedNanos;
  private double jitterMillis;

  /**
   * @param durationUnits a packet's duration in timestamp units (from its payload)
   */
  public JitterBuffer(int clockRateHz, ToIntFunction<RtpPacket> durationUnits) {
    this.clockRateHz = clockRateHz;
    this.durationUnits = durationUnits;
  }

  public synchronized Offer offer(RtpPacket p, long nowNanos) {
    if (p.ssrc() != ssrc) {
      // New source (re-INVITE, SSRC change after a transfer): start over.
      ssrc = p.ssrc();
      queue.clear();
      playing = false;
      haveExtension = false;
    }
    long ts = extend(p.timestamp());
    if (playing && p.marker() && queue.isEmpty() && ts > nextTs) {
      // A new talkspurt (RFC 3551 §4.1): re-anchor so silence is not played as loss.
      playing = false;
    }
    if (!playing) {
      playing = true;
      anchorNanos = nowNanos;
      anchorTs = ts;
      nextTs = ts;
      lastPlayedNanos = nowNanos;
    }
    if (ts < nextTs) {
      onLate(nowNanos);
      return Offer.LATE;
    }
    if (queue.putIfAbsent(ts, p) != null) {
      return Offer.DUPLICATE;
    }
    long maxUnits = (long) (delayMillis + BURST_MARGIN_MILLIS) * clockRateHz / 1000;
    if (queue.lastKey() - nextTs <= maxUnits) {
      return Offer.ACCEPTED;
    }
    // Far more queued than the delay: our playout clock is behind the stream (the anchor packet
    // came late, e.g. after a stall when the call started, or clock drift). Dropping only the
    // excess would repeat on every packet for good; drop down to the delay and re-anchor so that
    // the oldest packet left plays now and the newest after the delay.
    long delayUnits = (long) delayMillis * clockRateHz / 1000;
    while (queue.lastKey() - nextTs > delayUnits) {
      Map.Entry<Long, RtpPacket> oldest = queue.pollFirstEntry();
      nextTs = Math.max(nextTs, oldest.getKey() + durationUnits.applyAsInt(oldest.getValue()));
    }
    anchorTs = nextTs;
    anchorNanos = nowNanos - delayMillis * 1_000_000L;
    return Offer.OVERFLOW;
  }

  /** Everything due at {@code nowNanos}, in order. */
  public synchronized List<Playout> poll(long nowNanos) {
    if (!playing) {
      return List.of();
    }
    adapt(nowNanos);
    long horizon =
        anchorTs
            + Math.floorDiv(
                (nowNanos - anchorNanos - delayMillis * 1_000_000L) * clockRateHz, 1_000_000_000L);
    List<Playout> out = new ArrayList<>(2);
    long frameUnits = (long) STEP_MILLIS * clockRateHz / 1000;
    while (nextTs <= horizon) {
      Map.Entry<Long, RtpPacket> head = queue.firstEntry();
      if (head == null) {
        long idleUnits = (long) IDLE_AFTER_MILLIS * clockRateHz / 1000;
        if (horizon - nextTs >= idleUnits
            || nowNanos - lastPlayedNanos > IDLE_AFTER_MILLIS * 1_000_000L) {
          playing = false;
          break;
        }
        out.add(new Playout.Conceal((int) frameUnits, null));
        nextTs += frameUnits;
        continue;
      }
      long ts = head.getKey();
      if (ts <= nextTs) {
        queue.pollFirstEntry();
        out.add(new Playout.Play(head.getValue()));
        nextTs = ts + Math.max(1, durationUnits.applyAsInt(head.getValue()));
        lastPlayedNanos = nowNanos;
      } else {
        int gap = (int) Math.min(ts - nextTs, frameUnits);
        out.add(new Playout.Conceal(gap, ts - nextTs <= frameUnits ? head.getValue() : null));
        nextTs += gap;
      }
    }
    return out;
  }

  /** Records the RFC 3550 interarrival jitter estimate, which drives the target delay. */
  public synchronized void jitterMillis(double value) {
    jitterMillis = value;
  }

  public synchronized int delayMillis() {
    return delayMillis;
  }

  public synchronized int queuedPackets() {
    return queue.size();
  }

  public synchronized boolean playing() {
    return playing;
  }

  private void onLate(long nowNanos) {
    lastLateNanos = nowNanos;
    if (delayMillis < MAX_DELAY_MILLIS) {
      delayMillis = Math.min(MAX_DELAY_MILLIS, delayMillis + STEP_MILLIS);
    }
  }

  private void adapt(long nowNanos) {
    if (nowNanos - lastLateNanos < STABLE_MILLIS * 1_000_000L) {
      return;
    }
    int wanted =
        Math.max(MIN_DELAY_MILLIS, Math.min(TARGET_MAX_MILLIS, (int) (2 * jitterMillis) + 20));
    if (delayMillis > wanted) {
      delayMillis -= STEP_MILLIS;
      lastLateNanos = nowNanos; // one step per stable period
    }
  }

  private long extend(long timestamp) {
    if (!haveExtension) {
      haveExtension = true;
      lastTimestamp = timestamp;
      lastExtended = timestamp;
      return timestamp;
    }
    int delta = (int) (timestamp - lastTimestamp); // signed 32-bit difference handles wrap
    long extended = lastExtended + delta;
    if (delta > 0) {
      lastTimestamp = timestamp;
      lastExtended = extended;
    }
    return extended;
  }
}
