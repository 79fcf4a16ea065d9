package dev.switchboard.bridge.playback;

import dev.switchboard.bridge.transport.PlaybackSink;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.Predicate;

/**
 * Keeps at most {@code leadMicros} of agent audio queued at the carrier beyond what has played; the
 * rest waits here. A carrier {@code clear} then drops little, frames we still hold can be dropped
 * or resumed exactly, and "heard" stays exact.
 *
 * <p>{@link #pump} must run whenever audio arrives, a mark echoes, or a 20 ms tick passes. Confined
 * to the call's control thread.
 */
public final class OutboundPacer {

  /** Told about every frame written to the sink, with the time it should start playing. */
  @FunctionalInterface
  public interface SentListener {
    void onSent(OutboundFrame frame, long playAtNanos);
  }

  private final PlaybackSink sink;
  private final PlaybackTracker tracker;
  private final long leadMicros;
  private final SentListener sentListener;
  private final ArrayDeque<OutboundFrame> queue = new ArrayDeque<>();
  private long queuedMicros;
  private boolean paused;
  private long framesWritten;

  public OutboundPacer(
      PlaybackSink sink, PlaybackTracker tracker, long leadMicros, SentListener sentListener) {
    if (leadMicros < 20_000) {
      throw new IllegalArgumentException("lead must be >= 20 ms, was " + leadMicros + " µs");
    }
    this.sink = sink;
    this.tracker = tracker;
    this.leadMicros = leadMicros;
    this.sentListener = sentListener;
  }

  public void enqueue(OutboundFrame frame) {
    queue.addLast(frame);
    queuedMicros += frame.frame().durationMicros();
  }

  /** Writes queued frames while the carrier's unplayed lead allows; returns frames written. */
  public int pump(long nowNanos) {
    int written = 0;
    while (!paused && !queue.isEmpty()) {
      OutboundFrame next = queue.peekFirst();
      long unplayed = tracker.unplayedMicros(nowNanos);
      if (unplayed + next.frame().durationMicros() > leadMicros) {
        break;
      }
      queue.removeFirst();
      queuedMicros -= next.frame().durationMicros();
      sink.write(next.frame());
      OutboundFrame after = queue.peekFirst();
      boolean endOfRun = after == null || !AbstractPlaybackTracker.sameContent(next, after);
      String mark = tracker.onWritten(next, nowNanos, endOfRun);
      if (mark != null) {
        sink.mark(mark);
      }
      framesWritten++;
      written++;
      sentListener.onSent(next, nowNanos + unplayed * 1000);
    }
    return written;
  }

  /** Stops writing new frames (barge-in onset); what the carrier holds keeps playing. */
  public void pause() {
    paused = true;
  }

  public void resume() {
    paused = false;
  }

  public boolean paused() {
    return paused;
  }

  /** Puts frames back at the head of the queue, oldest first (resume after a provisional clear). */
  public void requeueFront(List<OutboundFrame> frames) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      queue.addFirst(frames.get(i));
      queuedMicros += frames.get(i).frame().durationMicros();
    }
  }

  /** Drops queued frames matching {@code filter}; returns how many. */
  public int drop(Predicate<OutboundFrame> filter) {
    int before = queue.size();
    queue.removeIf(
        f -> {
          if (filter.test(f)) {
            queuedMicros -= f.frame().durationMicros();
            return true;
          }
          return false;
        });
    return before - queue.size();
  }

  /** True when frames of {@code itemId} wait here. */
  public boolean holds(String itemId) {
    for (OutboundFrame f : queue) {
      if (f.itemId().equals(itemId)) {
        return true;
      }
    }
    return false;
  }

  public boolean hasQueued() {
    return !queue.isEmpty();
  }

  public long queuedMicros() {
    return queuedMicros;
  }

  /** The frame that will be written next, or {@code null}. */
  public OutboundFrame peek() {
    return queue.peekFirst();
  }

  public long framesWritten() {
    return framesWritten;
  }

  @Override
  public String toString() {
    return "OutboundPacer[lead=" + leadMicros / 1000 + " ms] -> " + tracker + " -> " + sink;
  }
}
