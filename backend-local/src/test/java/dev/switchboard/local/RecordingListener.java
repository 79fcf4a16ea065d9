package dev.switchboard.local;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendListener;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Records a session's events. {@link #await} returns the earliest matching event not returned
 * before, waiting for it with a deadline (never a sleep); events of other types are not consumed,
 * so tests need not know how the session interleaves them.
 */
final class RecordingListener implements BackendListener {

  private static final long TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(30);

  private final List<BackendEvent> all = new ArrayList<>();
  private final Map<BackendEvent, Boolean> taken = new IdentityHashMap<>();

  @Override
  public synchronized void onEvent(BackendEvent event) {
    all.add(event);
    notifyAll();
  }

  synchronized <T extends BackendEvent> T await(Class<T> type, Predicate<T> test) {
    long deadline = System.nanoTime() + TIMEOUT_NANOS;
    while (true) {
      for (BackendEvent e : all) {
        if (type.isInstance(e) && !taken.containsKey(e) && test.test(type.cast(e))) {
          taken.put(e, true);
          return type.cast(e);
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(
            "no matching " + type.getSimpleName() + " within 30 s; events so far: " + summary());
      }
      try {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
        throw new AssertionError(ex);
      }
    }
  }

  <T extends BackendEvent> T await(Class<T> type) {
    return await(type, e -> true);
  }

  BackendEvent.ToolCall awaitTool(String name) {
    return await(BackendEvent.ToolCall.class, t -> t.name().equals(name));
  }

  synchronized List<BackendEvent> all() {
    return List.copyOf(all);
  }

  synchronized String summary() {
    StringBuilder b = new StringBuilder();
    for (BackendEvent e : all) {
      if (!(e instanceof BackendEvent.AudioDelta)) {
        b.append("\n  ").append(e);
      }
    }
    return b.toString();
  }
}
