package dev.switchboard.testkit.realtime;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Records backend events with their arrival time; bounded waits, no sleeps. */
final class RecordingListener implements BackendListener {

  record Timed(long nanos, BackendEvent event) {}

  private final List<Timed> events = new ArrayList<>();
  private volatile Consumer<BackendEvent> hook = e -> {};

  void onEach(Consumer<BackendEvent> newHook) {
    this.hook = newHook;
  }

  @Override
  public void onEvent(BackendEvent event) {
    hook.accept(event);
    synchronized (this) {
      events.add(new Timed(System.nanoTime(), event));
      notifyAll();
    }
  }

  synchronized <T extends BackendEvent> List<T> all(Class<T> type) {
    return events.stream().map(Timed::event).filter(type::isInstance).map(type::cast).toList();
  }

  synchronized List<Timed> timed() {
    return List.copyOf(events);
  }

  <T extends BackendEvent> T await(Class<T> type, Duration timeout) {
    return awaitCount(type, 1, timeout).get(0);
  }

  synchronized <T extends BackendEvent> List<T> awaitCount(Class<T> type, int n, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (all(type).size() < n) {
      long left = (deadline - System.nanoTime()) / 1_000_000;
      if (left <= 0) {
        throw new AssertionError(
            "expected "
                + n
                + " "
                + type.getSimpleName()
                + " within "
                + timeout.toMillis()
                + " ms; got "
                + events.stream().map(t -> t.event().getClass().getSimpleName()).toList());
      }
      try {
        wait(left);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return all(type);
  }
}
