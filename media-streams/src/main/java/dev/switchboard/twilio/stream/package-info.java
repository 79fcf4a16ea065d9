/**
 * The Media Streams WebSocket edge of one call: {@link
 * dev.switchboard.twilio.stream.MediaStreamSocket} parses on the Undertow IO thread and hands each
 * message to the call's {@link dev.switchboard.twilio.stream.TwilioMediaTransport} (the
 * agent-bridge {@code CallTransport}), whose uplink ({@link
 * dev.switchboard.twilio.stream.UplinkFramer}: gap fill, μ-law decode, 20 ms framing) feeds the
 * call session and whose playback sink encodes agent frames to μ-law {@code media} + {@code mark}
 * messages and barge-in to {@code clear}. Pacing, mark bookkeeping and barge-in decisions live in
 * the agent-bridge core.
 *
 * <p>Depends on agent-bridge ({@code transport}, {@code media}), transcoding, the protocol package,
 * Undertow WebSockets and SLF4J. Nothing here blocks an IO thread.
 */
package dev.switchboard.twilio.stream;
