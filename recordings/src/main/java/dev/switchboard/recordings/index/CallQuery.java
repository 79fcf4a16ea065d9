package dev.switchboard.recordings.index;

import java.time.Duration;
import java.time.Instant;

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
    return new CallQuery(
        from,
        before,
        number,
        flow,
        minDuration,
        maxDuration,
        terminationResult,
        minBargeIns,
        degraded,
        recovered,
        text,
        limit);
  }

  public CallQuery withNumber(String value) {
    return new CallQuery(
        startedFrom,
        startedBefore,
        value,
        flow,
        minDuration,
        maxDuration,
        terminationResult,
        minBargeIns,
        degraded,
        recovered,
        text,
        limit);
  }

  public CallQuery withFlow(String value) {
    return new CallQuery(
        startedFrom,
        startedBefore,
        number,
        value,
        minDuration,
        maxDuration,
        terminationResult,
        minBargeIns,
        degraded,
        recovered,
        text,
        limit);
  }

  public CallQuery withDuration(Duration min, Duration max) {
    return new CallQuery(
        startedFrom,
        startedBefore,
        number,
        flow,
        min,
        max,
        terminationResult,
        minBargeIns,
        degraded,
        recovered,
        text,
        limit);
  }

  public CallQuery withTermination(String value) {
    return new CallQuery(
        startedFrom,
        startedBefore,
        number,
        flow,
        minDuration,
        maxDuration,
        value,
        minBargeIns,
        degraded,
        recovered,
        text,
        limit);
  }

  public CallQuery withMinBargeIns(int value) {
    return new CallQuery(
        startedFrom,
        startedBefore,
        number,
        flow,
        minDuration,
        maxDuration,
        terminationResult,
        value,
        degraded,
        recovered,
        text,
        limit);
  }

  public CallQuery withFlags(Boolean degradedValue, Boolean recoveredValue) {
    return new CallQuery(
        startedFrom,
        startedBefore,
        number,
        flow,
        minDuration,
        maxDuration,
        terminationResult,
        minBargeIns,
        degradedValue,
        recoveredValue,
        text,
        limit);
  }

  public CallQuery withText(String value) {
    return new CallQuery(
        startedFrom,
        startedBefore,
        number,
        flow,
        minDuration,
        maxDuration,
        terminationResult,
        minBargeIns,
        degraded,
        recovered,
        value,
        limit);
  }
}
