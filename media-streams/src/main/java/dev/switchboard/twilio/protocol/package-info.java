/**
 * The Twilio Media Streams WebSocket protocol as one sealed interface of records ({@link
 * dev.switchboard.twilio.protocol.StreamMessage}) with one parse/encode pair ({@link
 * dev.switchboard.twilio.protocol.StreamCodec}). Reference: Twilio docs, "Media Streams - WebSocket
 * Messages" (bidirectional streams).
 *
 * <p>Depends on {@code dev.switchboard.transcoding} (frames carry their format) and Jackson only.
 */
package dev.switchboard.twilio.protocol;
