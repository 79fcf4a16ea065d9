package dev.switchboard.server.metrics;

import dev.switchboard.bridge.backend.PriceTable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * The server's meters. Names follow Prometheus conventions once exported ({@code
 * switchboard_calls_total}, {@code switchboard_turn_latency_seconds_bucket}...). Latency histograms
 * use fixed buckets around conversational thresholds (a reply within 800 ms feels natural; beyond 2
 * s callers talk over the agent), so the series count stays bounded. Thread-safe.
 */
public final class Metrics implements AutoCloseable {

  private static final Duration[] LATENCY_BUCKETS = {
    Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300),
    Duration.ofMillis(500), Duration.ofMillis(800), Duration.ofMillis(1200),
        Duration.ofMillis(2000),
    Duration.ofMillis(5000)
  };

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final PriceTable prices;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();
  private final List<Object> held = new CopyOnWriteArrayList<>();

  public Metrics(PriceTable prices) {
    this.prices = prices;
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Registers the active-calls gauge. */
  public void activeCalls(Supplier<Number> count) {
    Gauge.builder("switchboard.calls.active", count)
        .description("calls in progress")
        .register(registry);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public PriceTable prices() {
    return prices;
  }

  /** Prometheus text exposition. */
  public String scrape() {
    for (Runnable r : beforeScrape) {
      r.run();
    }
    return registry.scrape();
  }

  /**
   * Outbound SIP legs (transfer by bridging): {@code switchboard_sip_outbound_attempts_total},
   * {@code ..._answered_total} and {@code ..._failed_total{status}} (final SIP status; 408 = not
   * answered within the ring timeout). Statuses get their series when first seen, so the series
   * count stays as small as the set of statuses that really happened.
   */
  public void sipOutbound(
      Supplier<Number> attempts,
      Supplier<Number> answered,
      Supplier<Map<Integer, Long>> failedByStatus) {
    // Function counters hold their state object weakly: keep these lambdas alive.
    held.addAll(List.of(attempts, answered, failedByStatus));
    FunctionCounter.builder(
            "switchboard.sip.outbound.attempts", attempts, s -> s.get().doubleValue())
        .description("outbound SIP legs placed")
        .register(registry);
    FunctionCounter.builder(
            "switchboard.sip.outbound.answered", answered, s -> s.get().doubleValue())
        .description("outbound SIP legs answered")
        .register(registry);
    Set<Integer> registered = ConcurrentHashMap.newKeySet();
    beforeScrape.add(
        () -> {
          for (Integer status : failedByStatus.get().keySet()) {
            if (registered.add(status)) {
              FunctionCounter.builder(
                      "switchboard.sip.outbound.failed",
                      failedByStatus,
                      s -> s.get().getOrDefault(status, 0L))
                  .tag("status", Integer.toString(status))
                  .description("outbound SIP legs not answered, by final status")
                  .register(registry);
            }
          }
        });
  }

  public void callEnded(String flow, String result) {
    Counter.builder("switchboard.calls")
        .description("calls by flow and termination result")
        .tags("flow", flow, "result", result)
        .register(registry)
        .increment();
  }

  public void callRejected(String reason, String transport) {
    Counter.builder("switchboard.calls.rejected")
        .description("calls refused at admission")
        .tags("reason", reason, "transport", transport)
        .register(registry)
        .increment();
  }

  public void callSetup(String flow, Duration took) {
    latency("switchboard.call.setup", "call arrival to backend ready", "flow", flow).record(took);
  }

  public void turnLatency(String flow, Duration latency) {
    latency("switchboard.turn.latency", "caller speech end to first agent audio", "flow", flow)
        .record(latency);
  }

  public void bargeInLatency(String source, Duration latency) {
    latency(
            "switchboard.barge.in.latency",
            "caller speech onset to carrier clear",
            "source",
            source)
        .record(latency);
  }

  /** Difference between the truncation point sent to the backend and what was really played. */
  public void truncationError(String transport, Duration error) {
    latency(
            "switchboard.truncation.error",
            "truncation point minus audio really played",
            "transport",
            transport)
        .record(error.abs());
  }

  /** One-way transit from carrier frame arrival to the backend send (transports report it). */
  public void transitLatency(String transport, Duration latency) {
    latency(
            "switchboard.transit.latency",
            "carrier frame arrival to backend send",
            "transport",
            transport)
        .record(latency);
  }

  public void framesDropped(String where, long count) {
    if (count > 0) {
      Counter.builder("switchboard.frames.dropped")
          .description("audio frames dropped by overflow policies")
          .tags("where", where)
          .register(registry)
          .increment(count);
    }
  }

  public void backendError(String backend, boolean fatal) {
    Counter.builder("switchboard.backend.errors")
        .description("backend errors")
        .tags("backend", backend, "fatal", Boolean.toString(fatal))
        .register(registry)
        .increment();
  }

  public void backendReconnect(String backend) {
    Counter.builder("switchboard.backend.reconnects")
        .description("backend sessions reopened mid-call")
        .tags("backend", backend)
        .register(registry)
        .increment();
  }

  public void cost(String flow, String backend, double usd) {
    Counter.builder("switchboard.cost.usd")
        .description("model usage cost estimate in USD")
        .tags("flow", flow, "backend", backend)
        .register(registry)
        .increment(usd);
  }

  public void bargeIns(String flow, long count) {
    if (count > 0) {
      Counter.builder("switchboard.barge.ins")
          .tags("flow", flow)
          .register(registry)
          .increment(count);
    }
  }

  /** Registers a distribution for custom series (e.g. a transport's jitter). */
  public DistributionSummary summary(String name, String... tags) {
    return DistributionSummary.builder(name).tags(tags).register(registry);
  }

  private Timer latency(String name, String description, String tagKey, String tagValue) {
    return Timer.builder(name)
        .description(description)
        .tags(tagKey, tagValue)
        .serviceLevelObjectives(LATENCY_BUCKETS)
        .register(registry);
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
