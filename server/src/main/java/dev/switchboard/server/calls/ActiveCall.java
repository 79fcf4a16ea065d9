package dev.switchboard.server.calls;

import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.bridge.transport.TransferResult;
import dev.switchboard.server.flow.Flow;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/**
 * A call in progress as the server sees it: its flow version, backend, session, transport and live
 * state. Immutable references; the state inside is thread-safe.
 */
public record ActiveCall(
    CallInfo info,
    Flow flow,
    String backend,
    Instant startedAt,
    CallSession session,
    CallTransport transport,
    LiveState state) {

  public String callId() {
    return info.callId();
  }

  public Duration duration(Instant now) {
    return Duration.between(startedAt, now);
  }

  /**
   * Operator transfer: {@code target} is a name from the flow's {@code transfers} or a URI. The
   * call ends once the carrier took the caller.
   */
  public CompletableFuture<TransferResult> transfer(String target) {
    String uri = flow.transfers().getOrDefault(target, target);
    return transport
        .transfer(uri)
        .thenApply(
            r -> {
              if (r.success()) {
                session.transferred("transferred to " + target + " by operator");
              }
              return r;
            });
  }
}
