package dev.switchboard.bridge.backend;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Duration;

/**
 * Adds up the token usage of one call (every {@link BackendEvent.ResponseDone}, across recycled
 * sessions) and prices it. Thread-safe: responses may be recorded from a backend thread while an
 * admin page reads the total.
 */
public final class UsageLedger {

  private final PriceTable prices;
  private Usage total = Usage.NONE;
  private int responses;

  public UsageLedger(PriceTable prices) {
    this.prices = prices;
  }

  /** Records the usage of a finished response; other events are ignored. */
  public void record(BackendEvent event) {
    if (event instanceof BackendEvent.ResponseDone done && done.usage() != null) {
      add(done.usage());
    }
  }

  public synchronized void add(Usage usage) {
    total = total.plus(usage);
    responses++;
  }

  public synchronized Usage total() {
    return total;
  }

  public synchronized int responses() {
    return responses;
  }

  /** Dollars for the whole call so far. */
  public BigDecimal cost() {
    return prices.cost(total());
  }

  /** Dollars per minute of call, for a call that lasted {@code callDuration}. */
  public BigDecimal costPerMinute(Duration callDuration) {
    if (callDuration.isZero() || callDuration.isNegative()) {
      throw new IllegalArgumentException("call duration must be positive, was " + callDuration);
    }
    BigDecimal minutes =
        BigDecimal.valueOf(callDuration.toMillis())
            .divide(BigDecimal.valueOf(60_000), MathContext.DECIMAL64);
    return cost().divide(minutes, 6, RoundingMode.HALF_UP);
  }

  @Override
  public String toString() {
    return "UsageLedger[" + responses() + " responses, " + total() + ", $" + cost() + "]";
  }
}
