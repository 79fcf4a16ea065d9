/**
 * "What the caller heard": {@link dev.switchboard.bridge.playback.PlaybackTracker} implementations
 * (mark echoes for Twilio, our own pacer for SIP), the {@link
 * dev.switchboard.bridge.playback.PlaybackPosition} value they produce, and the {@link
 * dev.switchboard.bridge.playback.OutboundPacer} that keeps at most a small lead of agent audio at
 * the carrier.
 *
 * <p>Depends on {@code dev.switchboard.transcoding}, {@code dev.switchboard.bridge.transport} and
 * {@code dev.switchboard.bridge.time} only.
 */
package dev.switchboard.bridge.playback;
