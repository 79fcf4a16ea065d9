package dev.switchboard.bridge.backend;

import java.time.Duration;

/**
 * When and how {@link RecyclingBackend} replaces a session.
 *
 * @param margin recycle this long before the session time limit (at a quiet moment)
 * @param sessionTimeLimit overrides {@link Capabilities#sessionTimeLimit()}, or {@code null}
 * @param maxAttempts connection attempts per reconnect before giving up
 * @param firstBackoff wait before the second attempt; doubles per attempt up to {@code maxBackoff}
 * @param maxBackoff longest wait between attempts
 * @param audioBuffer caller audio kept while no session is connected (oldest dropped beyond)
 * @param historyLimit text turns kept for replay (oldest dropped beyond)
 */
public record RecyclingPolicy(
    Duration margin,
    Duration sessionTimeLimit,
    int maxAttempts,
    Duration firstBackoff,
    Duration maxBackoff,
    Duration audioBuffer,
    int historyLimit) {

  public RecyclingPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1, was " + maxAttempts);
    }
    if (historyLimit < 0) {
      throw new IllegalArgumentException("historyLimit must be >= 0, was " + historyLimit);
    }
  }

  /**
   * Recycle 2 minutes before the limit; first reconnect attempt at once, then 100, 200, 400 ms
   * (four attempts fit in about one second); buffer 5 s of caller audio; replay 100 turns.
   */
  public static RecyclingPolicy defaults() {
    return new RecyclingPolicy(
        Duration.ofMinutes(2),
        null,
        4,
        Duration.ofMillis(100),
        Duration.ofMillis(400),
        Duration.ofSeconds(5),
        100);
  }

  public RecyclingPolicy withSessionTimeLimit(Duration limit, Duration newMargin) {
    return new RecyclingPolicy(
        newMargin, limit, maxAttempts, firstBackoff, maxBackoff, audioBuffer, historyLimit);
  }

  /** Wait before attempt {@code attempt} (1-based; the first attempt does not wait). */
  Duration backoffBefore(int attempt) {
    if (attempt <= 1) {
      return Duration.ZERO;
    }
    Duration d = firstBackoff.multipliedBy(1L << Math.min(20, attempt - 2));
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }
}
