/**
 * A protocol-faithful fake of OpenAI Realtime for tests: {@link
 * dev.switchboard.testkit.realtime.FakeRealtimeServer}, a real WebSocket server (its own small RFC
 * 6455 server end, {@code FakeWebSocket} with {@code FakeFrameReader}, on an NIO {@code
 * FakeEventLoop}: lean enough for 500-call load runs) on 127.0.0.1 speaking the GA protocol and the
 * {@code realtime=v1} preview dialect.
 *
 * <p>It deliberately does <em>not</em> reuse the bridge's OpenAI codec: it reads and writes raw
 * JSON as described in the OpenAI Realtime API reference, so a codec bug cannot hide behind a
 * matching fake. Depends on the JDK, Jackson and transcoding (G.711), nothing else.
 */
package dev.switchboard.testkit.realtime;
