package dev.switchboard.recordings;

import dev.switchboard.recordings.index.CallIndex;
import dev.switchboard.recordings.index.IndexedCall;
import dev.switchboard.recordings.storage.RecordingStore;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes recordings and their index rows older than N days, per flow (a flow without its own
 * setting uses the default). Files go first, then the row, so a failure leaves a row pointing at
 * nothing rather than files nobody can find. Runs as a scheduled job and from the CLI.
 */
public final class Retention {

  private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

  /**
   * How long to keep calls.
   *
   * @param defaultDays days for flows without their own setting; 0 keeps them forever
   * @param perFlowDays days per flow name (0 keeps that flow forever)
   */
  public record Policy(int defaultDays, Map<String, Integer> perFlowDays) {
    public Policy {
      perFlowDays = perFlowDays == null ? Map.of() : Map.copyOf(perFlowDays);
      if (defaultDays < 0 || perFlowDays.values().stream().anyMatch(d -> d < 0)) {
        throw new IllegalArgumentException(
            "retention days must be >= 0: " + defaultDays + " " + perFlowDays);
      }
    }
  }

  /** What one run deleted. */
  public record Result(List<String> deletedCallIds, List<String> failures) {}

  private Retention() {}

  public static Result run(CallIndex index, RecordingStore store, Policy policy, Instant now) {
    List<String> deleted = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    List<IndexedCall> expired = new ArrayList<>();
    for (Map.Entry<String, Integer> e : policy.perFlowDays().entrySet()) {
      if (e.getValue() > 0) {
        expired.addAll(
            index.startedBefore(now.minus(Duration.ofDays(e.getValue())), e.getKey(), List.of()));
      }
    }
    if (policy.defaultDays() > 0) {
      expired.addAll(
          index.startedBefore(
              now.minus(Duration.ofDays(policy.defaultDays())),
              null,
              List.copyOf(policy.perFlowDays().keySet())));
    }
    for (IndexedCall c : expired) {
      try {
        store.delete(store.resolve(c.path()));
        index.delete(c.callId());
        deleted.add(c.callId());
      } catch (IOException | RuntimeException ex) {
        failures.add(c.callId() + ": " + ex.getMessage());
        LOG.warn("retention: cannot delete call {}", c.callId(), ex);
      }
    }
    return new Result(deleted, failures);
  }

  /** Runs {@link #run} every {@code period} on {@code executor}, starting after one period. */
  public static ScheduledFuture<?> schedule(
      ScheduledExecutorService executor,
      Duration period,
      CallIndex index,
      RecordingStore store,
      Policy policy,
      Supplier<Instant> now) {
    return executor.scheduleAtFixedRate(
        () -> {
          try {
            Result r = run(index, store, policy, now.get());
            LOG.info(
                "retention: deleted {} calls, {} failures",
                r.deletedCallIds().size(),
                r.failures().size());
          } catch (RuntimeException e) {
            LOG.error("retention run failed", e); // keep the schedule alive
          }
        },
        period.toMillis(),
        period.toMillis(),
        TimeUnit.MILLISECONDS);
  }
}
