package dev.switchboard.testkit.twilio;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Twilio's side of agent audio for one simulated call: a playout buffer that plays 20 ms per tick,
 * echoes each mark once the audio before it has played ("the mark event is sent back when the media
 * before it has played"), and on {@code clear} drops unplayed audio and echoes every pending mark
 * at once. Records what it played (silence while idle) at 8 kHz, sample 0 at the first tick.
 *
 * <p>Also measures egress timing: each talkspurt (audio after ≥ 200 ms without any) is anchored at
 * its first frame's arrival; frame {@code k} is due {@code k × 20 ms} later, and its lateness is
 * arrival minus due (negative when early). A tick that finds the buffer empty inside a talkspurt is
 * an underrun. Thread-safe (socket thread and tick thread).
 */
final class SimulatedPlayout {

  private static final int FRAME = 160;
  private static final long FRAME_NANOS = 20_000_000;
  private static final int IDLE_TICKS = 10;

  private final ArrayDeque<Object> queue = new ArrayDeque<>();
  private final Consumer<String> echo;
  private final Histogram lateness;
  private int headOffset;
  private long queuedSamples;
  private short[] heard = new short[8000 * 10];
  private int heardLength;
  private boolean recording = true;
  private long marksEchoed;
  private long marksEchoedByClear;
  private long mediaFrames;
  private long droppedByClear;
  private long underrunTicks;
  private int dryTicks = IDLE_TICKS;
  private long spurtAnchorNanos;
  private long spurtFrames;
  private long lastArrivalNanos;

  private java.util.function.LongConsumer spurtListener = t -> {};

  SimulatedPlayout(Consumer<String> echo, Histogram lateness) {
    this.echo = echo;
    this.lateness = lateness;
  }

  /** Told the arrival time of each talkspurt's first frame. */
  synchronized void onTalkspurt(java.util.function.LongConsumer listener) {
    this.spurtListener = listener;
  }

  synchronized void onMedia(short[] pcm, long nowNanos) {
    mediaFrames++;
    if (queuedSamples == 0 && dryTicks >= IDLE_TICKS && nowNanos - lastArrivalNanos > 200_000_000) {
      spurtAnchorNanos = nowNanos;
      spurtFrames = 0;
      spurtListener.accept(nowNanos);
    } else {
      spurtFrames++;
      lateness.recordMicros((nowNanos - (spurtAnchorNanos + spurtFrames * FRAME_NANOS)) / 1000);
    }
    lastArrivalNanos = nowNanos;
    queue.addLast(pcm);
    queuedSamples += pcm.length;
  }

  synchronized void onMark(String name) {
    if (queuedSamples == 0) {
      marksEchoed++;
      echo.accept(name);
    } else {
      queue.addLast(name);
    }
  }

  /** Drops unplayed audio and echoes all pending marks; returns samples dropped. */
  synchronized long onClear() {
    long dropped = queuedSamples;
    droppedByClear += dropped;
    for (Object o : queue) {
      if (o instanceof String mark) {
        marksEchoed++;
        marksEchoedByClear++;
        echo.accept(mark);
      }
    }
    queue.clear();
    headOffset = 0;
    queuedSamples = 0;
    dryTicks = IDLE_TICKS;
    lastArrivalNanos = 0;
    return dropped;
  }

  /** Plays 20 ms. */
  synchronized void tick() {
    short[] out = new short[FRAME];
    int filled = 0;
    while (filled < FRAME && !queue.isEmpty()) {
      Object head = queue.peekFirst();
      if (head instanceof String mark) {
        queue.removeFirst();
        marksEchoed++;
        echo.accept(mark);
        continue;
      }
      short[] a = (short[]) head;
      int n = Math.min(FRAME - filled, a.length - headOffset);
      System.arraycopy(a, headOffset, out, filled, n);
      filled += n;
      headOffset += n;
      queuedSamples -= n;
      if (headOffset == a.length) {
        queue.removeFirst();
        headOffset = 0;
      }
    }
    // Marks right behind the audio just played echo now.
    while (!queue.isEmpty() && queue.peekFirst() instanceof String mark) {
      queue.removeFirst();
      marksEchoed++;
      echo.accept(mark);
    }
    if (filled == 0) {
      dryTicks++;
    } else {
      if (dryTicks > 0 && dryTicks < IDLE_TICKS) {
        underrunTicks += dryTicks;
      }
      dryTicks = 0;
    }
    if (recording) {
      if (heardLength + FRAME > heard.length) {
        heard = Arrays.copyOf(heard, heard.length * 2);
      }
      System.arraycopy(out, 0, heard, heardLength, FRAME);
      heardLength += FRAME;
    }
  }

  /** Stops keeping played audio (load tests: constant memory). */
  synchronized void stopRecording() {
    recording = false;
    heard = new short[0];
    heardLength = 0;
  }

  synchronized void resetStats() {
    underrunTicks = 0;
    mediaFrames = 0;
  }

  synchronized short[] heard() {
    return Arrays.copyOf(heard, heardLength);
  }

  synchronized long marksEchoed() {
    return marksEchoed;
  }

  synchronized long marksEchoedByClear() {
    return marksEchoedByClear;
  }

  synchronized long mediaFrames() {
    return mediaFrames;
  }

  synchronized long droppedByClear() {
    return droppedByClear;
  }

  synchronized long underrunTicks() {
    return underrunTicks;
  }

  synchronized long queuedSamples() {
    return queuedSamples;
  }
}
