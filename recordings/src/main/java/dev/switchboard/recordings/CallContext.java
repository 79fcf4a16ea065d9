package dev.switchboard.recordings;

import dev.switchboard.bridge.backend.PriceTable;
import dev.switchboard.bridge.transport.CallInfo;
import java.time.Instant;

/**
 * What the recorder knows of a call before it starts: the transport's {@link CallInfo}, the flow,
 * backend and model, the prices for the cost figure, and the wall-clock instant of the call clock's
 * origin.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param replayOf for a QA replay, the call id replayed; {@code null} for live calls
 */
public record CallContext(
    CallInfo info,
    String flow,
    String backend,
    String model,
    PriceTable prices,
    Instant startedAt,
    String replayOf) {

  public CallContext {
    if (info == null || startedAt == null) {
      throw new IllegalArgumentException("call info and start instant are required");
    }
    prices = prices == null ? PriceTable.gptRealtime() : prices;
  }
}
