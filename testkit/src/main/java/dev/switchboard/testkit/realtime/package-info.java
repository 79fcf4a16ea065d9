/**
 * A protocol-faithful fake of OpenAI Realtime for tests: {@link
 * dev.switchboard.testkit.realtime.FakeRealtimeServer}, a real WebSocket server (Undertow) on
 * 127.0.0.1 speaking the GA protocol and the {@code realtime=v1} preview dialect.
 *
 * <p>It deliberately does <em>not</em> reuse the bridge's OpenAI codec: it reads and writes raw
 * JSON as described in the OpenAI Realtime API reference, so a codec bug cannot hide behind a
 * matching fake. Depends on Undertow, Jackson, transcoding (G.711) and nothing else.
 */
package dev.switchboard.testkit.realtime;
