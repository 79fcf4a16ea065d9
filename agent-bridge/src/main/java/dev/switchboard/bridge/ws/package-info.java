/**
 * A small RFC 6455 WebSocket client for the backends' high-rate sessions, implementing {@link
 * java.net.http.WebSocket} so sessions written against the JDK interface use it unchanged.
 *
 * <p>Why not the JDK client: per 20 ms audio frame it re-encodes the text through a non-array
 * {@code CharBuffer}, draws a masking key from {@code SecureRandom} and hops between its selector
 * thread, its executor and a sequential scheduler; under a few hundred calls that dominated the
 * bridge's CPU. Why not a virtual thread per connection and direction (this package's previous
 * design): each frame then cost a writer wake-up and each read a park on the JDK poller and an
 * unpark. Here a frame is encoded once into a per-connection buffer and written at once on the
 * sending thread with a non-blocking write; only what the kernel would not take waits for the
 * connection's {@link dev.switchboard.bridge.ws.WsEventLoop} (a few shared selector threads, system
 * property {@code switchboard.ws.ioThreads}, default 1), which also reads, decodes and invokes the
 * listeners inline. Listeners therefore must not block: they parse and hand off. TLS is the JDK's
 * {@link javax.net.ssl.SSLEngine} over the same loop, with host name verification.
 *
 * <p>{@link dev.switchboard.bridge.ws.WsFrames} encodes frames and {@link
 * dev.switchboard.bridge.ws.WsFrameDecoder} decodes them incrementally (RFC 6455 section 5); {@link
 * dev.switchboard.bridge.ws.WsHandshake} the opening handshake (section 4.1); {@link
 * dev.switchboard.bridge.ws.WsConnection} one open connection; {@link
 * dev.switchboard.bridge.ws.WsClient} connects. Depends on the JDK only.
 */
package dev.switchboard.bridge.ws;
