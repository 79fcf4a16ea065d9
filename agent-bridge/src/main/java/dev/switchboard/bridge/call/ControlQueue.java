package dev.switchboard.bridge.call;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The call's control queue: many producers (transport, backend, timers), one consumer (the control
 * loop). Urgent tasks (barge-in onsets, hang-ups, fatal errors, closes) overtake everything queued.
 *
 * <p>Overflow policy:
 *
 * <ul>
 *   <li>caller audio: at most {@code audioCapacity} frames queued; a new frame beyond that is
 *       dropped and counted (a short gap is better than growing latency);
 *   <li>other events: at most {@code eventCapacity}; beyond that {@link #offer} returns false and
 *       the call ends with an error (a control loop that far behind cannot keep state consistent);
 *   <li>urgent tasks: never dropped (few, and terminal ones must arrive).
 * </ul>
 *
 * Thread-safe.
 */
final class ControlQueue {

  /** Queue class of a task. */
  enum Kind {
    URGENT,
    EVENT,
    CALLER_AUDIO
  }

  private record Task(Runnable run, Kind kind) {}

  private final ConcurrentLinkedQueue<Task> urgent = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<Task> normal = new ConcurrentLinkedQueue<>();
  private final AtomicInteger queuedAudio = new AtomicInteger();
  private final AtomicInteger queuedEvents = new AtomicInteger();
  private final AtomicLong droppedAudio = new AtomicLong();
  private final AtomicLong droppedEvents = new AtomicLong();
  private final int audioCapacity;
  private final int eventCapacity;

  ControlQueue(int audioCapacity, int eventCapacity) {
    this.audioCapacity = audioCapacity;
    this.eventCapacity = eventCapacity;
  }

  /** Queues a task; false when it was dropped by the overflow policy. */
  boolean offer(Runnable run, Kind kind) {
    switch (kind) {
      case URGENT -> urgent.add(new Task(run, kind));
      case CALLER_AUDIO -> {
        if (queuedAudio.incrementAndGet() > audioCapacity) {
          queuedAudio.decrementAndGet();
          droppedAudio.incrementAndGet();
          return false;
        }
        normal.add(new Task(run, kind));
      }
      case EVENT -> {
        if (queuedEvents.incrementAndGet() > eventCapacity) {
          queuedEvents.decrementAndGet();
          droppedEvents.incrementAndGet();
          return false;
        }
        normal.add(new Task(run, kind));
      }
      default -> throw new IllegalArgumentException("unknown kind " + kind);
    }
    return true;
  }

  /** The next task, urgent first, or {@code null}. */
  Runnable poll() {
    Task t = urgent.poll();
    if (t == null) {
      t = normal.poll();
      if (t != null) {
        (t.kind() == Kind.CALLER_AUDIO ? queuedAudio : queuedEvents).decrementAndGet();
      }
    }
    return t == null ? null : t.run();
  }

  boolean isEmpty() {
    return urgent.isEmpty() && normal.isEmpty();
  }

  long droppedAudio() {
    return droppedAudio.get();
  }

  long droppedEvents() {
    return droppedEvents.get();
  }
}
