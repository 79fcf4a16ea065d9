/**
 * The OpenAI Realtime backend: {@link dev.switchboard.bridge.openai.OpenAiRealtimeBackend} over the
 * {@code dev.switchboard.bridge.ws} WebSocket client (the JDK {@code java.net.http.WebSocket}
 * interface), speaking the GA protocol or the preview dialect (also on Azure OpenAI).
 *
 * <p>Layers, each one conversion: {@link dev.switchboard.bridge.openai.OpenAiCodec} turns JSON text
 * into the sealed {@link dev.switchboard.bridge.openai.ServerEvent} records and {@link
 * dev.switchboard.bridge.openai.ClientEvent} records into JSON; {@link
 * dev.switchboard.bridge.openai.OpenAiEventMapper} turns server events into the backend-neutral
 * {@code BackendEvent}s; {@link dev.switchboard.bridge.openai.WebSocketSender} serialises frames;
 * {@link dev.switchboard.bridge.openai.OpenAiRealtimeSession} ties them to one socket.
 *
 * <p>Protocol reference: OpenAI Realtime API reference (client and server events), GA and the
 * {@code OpenAI-Beta: realtime=v1} preview. May depend on {@code dev.switchboard.bridge.backend},
 * {@code dev.switchboard.bridge.time}, {@code dev.switchboard.bridge.ws}, {@code
 * dev.switchboard.transcoding}, Jackson, SLF4J and {@code java.net.http}.
 */
package dev.switchboard.bridge.openai;
