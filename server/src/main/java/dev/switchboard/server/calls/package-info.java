/**
 * Calls in progress: admission (capacity limit, drain), the live state of each call for the admin
 * API, and operator actions on a call (hang up, transfer, recording pause).
 *
 * <p>Depends on {@code dev.switchboard.bridge} (call and transport SPI), {@code
 * dev.switchboard.server.flow} and the JDK.
 */
package dev.switchboard.server.calls;
