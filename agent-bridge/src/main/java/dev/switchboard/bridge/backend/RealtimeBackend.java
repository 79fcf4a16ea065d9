package dev.switchboard.bridge.backend;

import java.util.concurrent.CompletableFuture;

/**
 * A kind of realtime model backend (OpenAI Realtime, Gemini Live, the embedded offline engine...),
 * configured once and shared by every call that uses it.
 */
public interface RealtimeBackend {

  /** Short name for logs and metrics, e.g. {@code openai}. */
  String name();

  Capabilities capabilities();

  /**
   * Opens and configures a session. Completes when the backend confirmed the configuration (a
   * {@link BackendEvent.Ready} has been delivered); completes exceptionally with a {@link
   * BackendException} when it cannot connect or applied the configuration differently.
   */
  CompletableFuture<RealtimeSession> connect(SessionConfig config, BackendListener listener);
}
