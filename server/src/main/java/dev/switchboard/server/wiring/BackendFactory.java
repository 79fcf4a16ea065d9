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
import java.util.HashMap;
import java.util.Map;
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

  private final Map<String, RealtimeBackend> byKind;
  private final Optional<URI> openaiEndpoint;

  /**
   * @param byKind the backends that are available, by kind ({@code openai}, {@code local})
   * @param openaiEndpoint the OpenAI endpoint probed by {@code /readyz}, when OpenAI is configured
   */
  public BackendFactory(Map<String, RealtimeBackend> byKind, Optional<URI> openaiEndpoint) {
    this.byKind = Map.copyOf(byKind);
    this.openaiEndpoint = openaiEndpoint;
  }

  /** The backends the configuration enables. */
  public static BackendFactory fromConfig(ServerConfig config, MediaClock clock) {
    Map<String, RealtimeBackend> byKind = new HashMap<>();
    config
        .openai()
        .apiKey()
        .ifPresent(
            key ->
                byKind.put(
                    "openai",
                    // Sessions end after at most 60 minutes: recycle them and replay context.
                    new RecyclingBackend(
                        new OpenAiRealtimeBackend(
                            OpenAiConfig.of(key)
                                .withRealtimeUrl(config.openai().realtimeUrl().toString())
                                .withModel(config.openai().model()),
                            clock),
                        clock,
                        RecyclingPolicy.defaults())));
    // GAP: the embedded offline backend (module backend-local, dev.switchboard.local) has not
    // landed on main yet; it is put under "local" here when it does.
    return new BackendFactory(
        byKind,
        byKind.containsKey("openai")
            ? Optional.of(config.openai().realtimeUrl())
            : Optional.empty());
  }

  /** The backend kind a flow resolves to: {@code openai} or {@code local}. */
  public String kindOf(Flow flow) {
    return switch (flow.backend()) {
      case "auto" -> byKind.containsKey("openai") ? "openai" : "local";
      default -> flow.backend();
    };
  }

  public Choice choose(Flow flow) {
    String kind = kindOf(flow);
    RealtimeBackend b = byKind.get(kind);
    if (b != null) {
      return new Choice(kind, Optional.of(b), null);
    }
    return new Choice(
        kind,
        Optional.empty(),
        kind.equals("openai")
            ? "OPENAI_API_KEY is not set"
            : "the embedded offline backend is not in this build yet");
  }

  /** The OpenAI endpoint probed by {@code /readyz}, when OpenAI is configured. */
  public Optional<URI> openaiEndpoint() {
    return openaiEndpoint;
  }
}
