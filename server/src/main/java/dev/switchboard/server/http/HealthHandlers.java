package dev.switchboard.server.http;

import dev.switchboard.server.metrics.Metrics;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code /healthz} (the process is up), {@code /readyz} (listeners bound, backend reachable when
 * configured, not draining) and {@code /metrics}. Cheap: readiness checks read cached state, so
 * they are safe on IO threads.
 */
public final class HealthHandlers {

  /** One readiness check: {@code null} when fine, else why not. */
  public interface Check extends Supplier<String> {}

  private final Map<String, Check> checks = new LinkedHashMap<>();
  private final Metrics metrics;

  public HealthHandlers(Metrics metrics) {
    this.metrics = metrics;
  }

  /** Adds a readiness check (before the server starts). */
  public HealthHandlers check(String name, Check check) {
    checks.put(name, check);
    return this;
  }

  HttpHandler healthz() {
    return ex -> Json.send(ex, 200, Json.object().put("status", "up"));
  }

  HttpHandler readyz() {
    return this::ready;
  }

  HttpHandler metrics() {
    return ex -> {
      ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
      ex.getResponseSender().send(metrics.scrape());
    };
  }

  /** Null when ready; else the first failing check and its reason. */
  public String notReadyReason() {
    for (Map.Entry<String, Check> c : checks.entrySet()) {
      String why = c.getValue().get();
      if (why != null) {
        return c.getKey() + ": " + why;
      }
    }
    return null;
  }

  private void ready(HttpServerExchange ex) {
    var body = Json.object();
    var detail = body.putObject("checks");
    boolean ready = true;
    for (Map.Entry<String, Check> c : checks.entrySet()) {
      String why = c.getValue().get();
      detail.put(c.getKey(), why == null ? "ok" : why);
      ready &= why == null;
    }
    body.put("ready", ready);
    Json.send(ex, ready ? 200 : 503, body);
  }
}
