package dev.switchboard.testkit.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Events recorded in order, with bounded waits for assertions (a monitor with a deadline; no
 * sleeps). Thread-safe.
 */
public final class EventLog {

  private final List<JsonNode> events = new ArrayList<>();

  synchronized void add(JsonNode event) {
    events.add(event);
    notifyAll();
  }

  /** All events so far, oldest first. */
  public synchronized List<JsonNode> all() {
    return List.copyOf(events);
  }

  /** Events of one {@code type}, oldest first. */
  public synchronized List<JsonNode> ofType(String type) {
    return events.stream().filter(e -> type.equals(e.path("type").asText())).toList();
  }

  /** The first event of {@code type}, waiting up to {@code timeout} for it. */
  public JsonNode await(String type, Duration timeout) {
    return awaitCount(type, 1, timeout).get(0);
  }

  /**
   * Waits until {@code count} events of {@code type} were recorded.
   *
   * @throws AssertionError naming the type and what did arrive, on timeout
   */
  public synchronized List<JsonNode> awaitCount(String type, int count, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<JsonNode> found = ofType(type);
      if (found.size() >= count) {
        return found;
      }
      long leftMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (leftMillis <= 0) {
        throw new AssertionError(
            "expected "
                + count
                + " '"
                + type
                + "' event(s) within "
                + timeout.toMillis()
                + " ms, got "
                + found.size()
                + "; types seen: "
                + events.stream().map(e -> e.path("type").asText()).distinct().toList());
      }
      try {
        wait(leftMillis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + type, e);
      }
    }
  }
}
