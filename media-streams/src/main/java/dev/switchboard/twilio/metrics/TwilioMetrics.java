package dev.switchboard.twilio.metrics;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Named monotonic counters of the Twilio edge, e.g. {@code webhook.rejected.MISMATCH}, {@code
 * stream.protocol.BAD_BASE64}, {@code stream.unknown_event}, {@code status.call.completed}. Names
 * are low-cardinality (never call ids). Thread-safe; increments never block.
 */
public final class TwilioMetrics {

  private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

  public void increment(String name) {
    add(name, 1);
  }

  public void add(String name, long delta) {
    counters.computeIfAbsent(name, k -> new LongAdder()).add(delta);
  }

  /** The current value, 0 for a counter never incremented. */
  public long get(String name) {
    LongAdder a = counters.get(name);
    return a == null ? 0 : a.sum();
  }

  /** All counters, sorted by name. */
  public Map<String, Long> snapshot() {
    Map<String, Long> out = new TreeMap<>();
    counters.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  @Override
  public String toString() {
    return "TwilioMetrics" + snapshot();
  }
}
