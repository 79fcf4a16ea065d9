package dev.switchboard.recordings.index;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The searchable list of recorded calls. Implementations are thread-safe. */
public interface CallIndex extends AutoCloseable {

  /** Adds or replaces the row of {@code call.callId()}. */
  void upsert(IndexedCall call);

  Optional<IndexedCall> get(String callId);

  List<IndexedCall> search(CallQuery query);

  /**
   * Calls started before {@code cutoff}; only {@code flow}'s when not {@code null}, else only calls
   * of flows not in {@code exceptFlows} (they have their own retention).
   */
  List<IndexedCall> startedBefore(Instant cutoff, String flow, List<String> exceptFlows);

  /** Removes the row; true if there was one. */
  boolean delete(String callId);

  @Override
  void close();
}
