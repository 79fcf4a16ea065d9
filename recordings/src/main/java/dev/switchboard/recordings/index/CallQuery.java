package dev.switchboard.recordings.index;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A search of the call index; {@code null} fields do not filter. Results come newest first.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param startedFrom calls started at or after
 * @param startedBefore calls started before
 * @param number caller or called number (exact)
 * @param minDuration calls at least this long
 * @param maxDuration calls at most this long
 * @param terminationResult a {@code Termination.Result} name
 * @param minBargeIns calls with at least this many barge-ins
 * @param text every word appears in the transcript
 */
public record CallQuery(
    Instant startedFrom,
    Instant startedBefore,
    String number,
    String flow,
    Duration minDuration,
    Duration maxDuration,
    String terminationResult,
    Integer minBargeIns,
    Boolean degraded,
    Boolean recovered,
    String text,
    int limit) {

  public CallQuery {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be 1..10000, was " + limit);
    }
  }

  public static CallQuery all() {
    return new CallQuery(null, null, null, null, null, null, null, null, null, null, null, 100);
  }

  public CallQuery between(Instant from, Instant before) {
    return edit(
        d -> {
          d.startedFrom = from;
          d.startedBefore = before;
        });
  }

  public CallQuery withNumber(String value) {
    return edit(d -> d.number = value);
  }

  public CallQuery withFlow(String value) {
    return edit(d -> d.flow = value);
  }

  public CallQuery withDuration(Duration min, Duration max) {
    return edit(
        d -> {
          d.minDuration = min;
          d.maxDuration = max;
        });
  }

  public CallQuery withTermination(String value) {
    return edit(d -> d.terminationResult = value);
  }

  public CallQuery withMinBargeIns(int value) {
    return edit(d -> d.minBargeIns = value);
  }

  public CallQuery withFlags(Boolean degradedValue, Boolean recoveredValue) {
    return edit(
        d -> {
          d.degraded = degradedValue;
          d.recovered = recoveredValue;
        });
  }

  public CallQuery withText(String value) {
    return edit(d -> d.text = value);
  }

  /** A copy with {@code change} applied: every wither is one line, the field list stands once. */
  private CallQuery edit(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new CallQuery(
        d.startedFrom,
        d.startedBefore,
        d.number,
        d.flow,
        d.minDuration,
        d.maxDuration,
        d.terminationResult,
        d.minBargeIns,
        d.degraded,
        d.recovered,
        d.text,
        d.limit);
  }

  /** Mutable scratch copy used only inside {@link #edit}. */
  private static final class Draft {
    Instant startedFrom;
    Instant startedBefore;
    String number;
    String flow;
    Duration minDuration;
    Duration maxDuration;
    String terminationResult;
    Integer minBargeIns;
    Boolean degraded;
    Boolean recovered;
    String text;
    int limit;

    Draft(CallQuery q) {
      startedFrom = q.startedFrom;
      startedBefore = q.startedBefore;
      number = q.number;
      flow = q.flow;
      minDuration = q.minDuration;
      maxDuration = q.maxDuration;
      terminationResult = q.terminationResult;
      minBargeIns = q.minBargeIns;
      degraded = q.degraded;
      recovered = q.recovered;
      text = q.text;
      limit = q.limit;
    }
  }
}
