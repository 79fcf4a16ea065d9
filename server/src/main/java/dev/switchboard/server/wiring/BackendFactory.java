package dev.switchboard.server.wiring;

import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.bridge.backend.RecyclingBackend;
import dev.switchboard.bridge.backend.RecyclingPolicy;
import dev.switchboard.bridge.openai.OpenAiConfig;
import dev.switchboard.bridge.openai.OpenAiRealtimeBackend;
import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.server.config.ServerConfig;
import dev.switchboard.server.flow.Flow;
import java.net.URI;
import java.util.Optional;

/**
 * Chooses and builds the backend of each flow. Backends are created once and shared by all calls
 * (they hold no per-call state). Thread-safe after construction.
 *
 * <p>{@code auto} means OpenAI Realtime when an API key is configured, else the embedded offline
 * backend.
 */
public final class BackendFactory {

  /** A flow's backend, or why there is none. */
  public record Choice(String kind, Optional<RealtimeBackend> backend, String unavailableReason) {
    public String describe() {
      return backend
          .map(RealtimeBackend::toString)
          .orElse(kind + " (unavailable: " + unavailableReason + ")");
    }
  }

  private final RealtimeBackend openai;
  private final URI openaiUrl;

  public BackendFactory(ServerConfig config, MediaClock clock) {
    this.openaiUrl = config.openai().realtimeUrl();
    this.openai =
        config
            .openai()
            .apiKey()
            .map(
                key ->
                    (RealtimeBackend)
                        new RecyclingBackend(
                            new OpenAiRealtimeBackend(
                                OpenAiConfig.of(key)
                                    .withRealtimeUrl(config.openai().realtimeUrl().toString())
                                    .withModel(config.openai().model()),
                                clock),
                            clock,
                            RecyclingPolicy.defaults()))
            .orElse(null);
  }

  /** The backend kind a flow resolves to: {@code openai} or {@code local}. */
  public String kindOf(Flow flow) {
    return switch (flow.backend()) {
      case "auto" -> openai != null ? "openai" : "local";
      default -> flow.backend();
    };
  }

  public Choice choose(Flow flow) {
    String kind = kindOf(flow);
    if (kind.equals("openai")) {
      return openai != null
          ? new Choice(kind, Optional.of(openai), null)
          : new Choice(kind, Optional.empty(), "OPENAI_API_KEY is not set");
    }
    // GAP: the embedded offline backend (module backend-local, dev.switchboard.local) has not
    // landed on main yet; this is the one line to change when it does.
    return new Choice(
        kind, Optional.empty(), "the embedded offline backend is not in this build yet");
  }

  /** The OpenAI endpoint probed by {@code /readyz}, when OpenAI is configured. */
  public Optional<URI> openaiEndpoint() {
    return openai == null ? Optional.empty() : Optional.of(openaiUrl);
  }
}
