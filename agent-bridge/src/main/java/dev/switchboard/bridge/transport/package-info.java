/**
 * The transport SPI every carrier edge implements: {@link
 * dev.switchboard.bridge.transport.CallTransport}, {@link
 * dev.switchboard.bridge.transport.PlaybackSink} and {@link
 * dev.switchboard.bridge.transport.TransportListener}.
 *
 * <p>Depends on {@code dev.switchboard.transcoding} only.
 */
package dev.switchboard.bridge.transport;
