/**
 * The server: {@code main}, command line, configuration, wiring of transports, backends and
 * recordings, HTTP admin API and console, metrics and health. The only module that depends on all
 * the others.
 */
package dev.switchboard.server;
