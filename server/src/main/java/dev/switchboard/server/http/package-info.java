/**
 * The HTTP side (Undertow): health ({@code /healthz}, {@code /readyz}), Prometheus {@code
 * /metrics}, the admin REST API under {@code /admin}, and the mount point of the Twilio endpoints.
 * Handlers that touch files or wait run on Undertow's worker pool, never on IO threads.
 *
 * <p>Depends on Undertow, Jackson, {@code dev.switchboard.server.calls}, {@code .flow}, {@code
 * .metrics}, {@code .recording} (the call index and recordings) and the JDK.
 */
package dev.switchboard.server.http;
