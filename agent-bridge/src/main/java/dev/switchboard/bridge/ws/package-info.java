/**
 * A small RFC 6455 WebSocket client for the backends' high-rate sessions, implementing {@link
 * java.net.http.WebSocket} so sessions written against the JDK interface use it unchanged.
 *
 * <p>Why not the JDK client: per 20 ms audio frame it re-encodes the text through a non-array
 * {@code CharBuffer}, draws a masking key from {@code SecureRandom} and hops between its selector
 * thread, its executor and a sequential scheduler; under a few hundred calls that dominated the
 * bridge's CPU. Here a frame is encoded once into a per-connection buffer by the sending thread, a
 * writer virtual thread drains whole batches with one socket write, and a reader virtual thread
 * blocks in {@code read}. TLS is the JDK's {@link javax.net.ssl.SSLSocket} with host name
 * verification.
 *
 * <p>{@link dev.switchboard.bridge.ws.WsFrames} is the pure frame codec (RFC 6455 section 5);
 * {@link dev.switchboard.bridge.ws.WsHandshake} the opening handshake (section 4.1); {@link
 * dev.switchboard.bridge.ws.WsConnection} one open connection; {@link
 * dev.switchboard.bridge.ws.WsClient} connects. Depends on the JDK only.
 */
package dev.switchboard.bridge.ws;
