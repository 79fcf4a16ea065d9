package dev.switchboard.server.metrics;

import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.CallEventListener;
import dev.switchboard.bridge.call.CallStats;
import java.util.function.Supplier;

/**
 * One call's metrics tap. Runs on the call's control thread: only meter updates, no I/O. The first
 * backend connect is the call setup; later ones are reconnects (session recycling or recovery).
 */
public final class CallMetrics implements CallEventListener {

  private final Metrics metrics;
  private final String flow;
  private final String backend;
  private final Supplier<CallStats> stats;
  private int connects;

  /**
   * @param stats the call's counters, read once at the end
   */
  public CallMetrics(Metrics metrics, String flow, String backend, Supplier<CallStats> stats) {
    this.metrics = metrics;
    this.flow = flow;
    this.backend = backend;
    this.stats = stats;
  }

  @Override
  public void onEvent(CallEvent event) {
    switch (event) {
      case CallEvent.BackendConnectStarted s -> {
        if (++connects > 1) {
          metrics.backendReconnect(backend);
        }
      }
      case CallEvent.BackendConnected c -> {
        if (connects <= 1) {
          metrics.callSetup(flow, c.at());
        }
      }
      case CallEvent.BackendConnectFailed f -> metrics.backendError(backend, true);
      case CallEvent.Error e -> {
        if (e.where().contains("backend")) {
          metrics.backendError(backend, e.fatal());
        }
      }
      case CallEvent.TurnLatency t -> metrics.turnLatency(flow, t.latency());
      case CallEvent.BargeIn b -> metrics.bargeInLatency(b.source(), b.decisionLatency());
      case CallEvent.UsageReported u ->
          metrics.cost(flow, backend, metrics.prices().cost(u.usage()).doubleValue());
      case CallEvent.CallEnded end -> {
        metrics.callEnded(
            flow, end.termination().result().name().toLowerCase(java.util.Locale.ROOT));
        CallStats s = stats.get();
        if (s != null) {
          metrics.framesDropped("control_queue", s.callerFramesDropped());
          metrics.framesDropped("late_delta", s.lateDeltasDropped());
          metrics.bargeIns(flow, s.bargeIns());
        }
      }
      default -> {}
    }
  }
}
