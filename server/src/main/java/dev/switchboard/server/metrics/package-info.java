/**
 * Metrics: Micrometer with a Prometheus registry (scraped at {@code /metrics}). {@link
 * dev.switchboard.server.metrics.CallMetrics} is a per-call {@code CallEventListener}: it only
 * increments meters (no I/O, never blocks), as the listener contract requires.
 *
 * <p>Depends on Micrometer, {@code dev.switchboard.bridge} (call events, usage, prices) and the
 * JDK.
 */
package dev.switchboard.server.metrics;
