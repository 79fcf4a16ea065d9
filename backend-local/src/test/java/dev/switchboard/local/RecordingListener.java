package dev.switchboard.local;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Records a session's events; tests wait for one with a deadline (never a sleep). */
final class RecordingListener implements BackendListener {

  private final LinkedBlockingQueue<BackendEvent> pending = new LinkedBlockingQueue<>();
  private final List<BackendEvent> all = java.util.Collections.synchronizedList(new ArrayList<>());

  @Override
  public void onEvent(BackendEvent event) {
    all.add(event);
    pending.add(event);
  }

  /** Consumes events until one of {@code type} matching {@code test} arrives. */
  <T extends BackendEvent> T await(Class<T> type, Predicate<T> test) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        BackendEvent e = pending.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
        if (e == null) {
          throw new AssertionError(
              "no " + type.getSimpleName() + " within 30 s; events so far: " + summary());
        }
        if (type.isInstance(e) && test.test(type.cast(e))) {
          return type.cast(e);
        }
      }
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
      throw new AssertionError(ex);
    }
  }

  <T extends BackendEvent> T await(Class<T> type) {
    return await(type, e -> true);
  }

  /** Waits for the next {@code ToolCall} and returns it. */
  BackendEvent.ToolCall awaitTool(String name) {
    return await(BackendEvent.ToolCall.class, t -> t.name().equals(name));
  }

  List<BackendEvent> all() {
    synchronized (all) {
      return List.copyOf(all);
    }
  }

  String summary() {
    StringBuilder b = new StringBuilder();
    for (BackendEvent e : all()) {
      if (!(e instanceof BackendEvent.AudioDelta)) {
        b.append("\n  ").append(e);
      }
    }
    return b.toString();
  }
}
