/**
 * Wiring: the one place that assembles configuration, flows, backends, transports, recordings,
 * metrics and the HTTP server into a running {@link dev.switchboard.server.wiring.Application}.
 * Each transport or backend module is plugged in through one small factory here, so a module
 * landing changes one file.
 *
 * <p>May depend on every module.
 */
package dev.switchboard.server.wiring;
