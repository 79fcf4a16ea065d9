/**
 * The realtime backend SPI: {@link dev.switchboard.bridge.backend.RealtimeBackend} opens {@link
 * dev.switchboard.bridge.backend.RealtimeSession}s, which report {@link
 * dev.switchboard.bridge.backend.BackendEvent}s. Differences between backends are {@link
 * dev.switchboard.bridge.backend.Capabilities} data.
 *
 * <p>Depends on {@code dev.switchboard.transcoding} only.
 */
package dev.switchboard.bridge.backend;
