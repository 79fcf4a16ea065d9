package dev.switchboard.bridge.openai;

import dev.switchboard.bridge.backend.BackendException;
import dev.switchboard.bridge.backend.BackendListener;
import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.bridge.ws.WsClient;
import dev.switchboard.bridge.ws.WsHandshakeException;
import dev.switchboard.transcoding.AudioFormat;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * OpenAI Realtime (and Azure OpenAI Realtime) as a {@link RealtimeBackend}, over the small RFC 6455
 * client of {@code dev.switchboard.bridge.ws} (see its package doc for why not the JDK's). One
 * instance is shared by all calls.
 */
public final class OpenAiRealtimeBackend implements RealtimeBackend {

  /** OpenAI ends a Realtime session after at most 60 minutes (Realtime guide, "Session limits"). */
  public static final Duration SESSION_TIME_LIMIT = Duration.ofMinutes(60);

  private static final Set<AudioFormat> FORMATS =
      Set.of(AudioFormat.PCM16_24K, AudioFormat.PCMU_8K, AudioFormat.PCMA_8K);

  private final OpenAiConfig settings;
  private final MediaClock clock;

  public OpenAiRealtimeBackend(OpenAiConfig settings) {
    this(settings, SystemMediaClock.get());
  }

  public OpenAiRealtimeBackend(OpenAiConfig settings, MediaClock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String name() {
    return settings.azure() != null ? "azure-openai" : "openai";
  }

  /** With the default server VAD, which cancels responses on speech. */
  @Override
  public Capabilities capabilities() {
    return capabilitiesFor(TurnDetection.ServerVad.defaults());
  }

  static Capabilities capabilitiesFor(TurnDetection turnDetection) {
    boolean autoCancel =
        switch (turnDetection) {
          case TurnDetection.None n -> false;
          case TurnDetection.ServerVad v -> v.interruptResponse();
          case TurnDetection.SemanticVad v -> v.interruptResponse();
        };
    return new Capabilities(
        FORMATS, FORMATS, true, true, autoCancel, true, SESSION_TIME_LIMIT, true);
  }

  @Override
  public CompletableFuture<RealtimeSession> connect(
      SessionConfig config, BackendListener listener) {
    for (AudioFormat f : new AudioFormat[] {config.inputFormat(), config.outputFormat()}) {
      if (!FORMATS.contains(f)) {
        return CompletableFuture.failedFuture(
            new BackendException(
                BackendException.Kind.CONFIG_MISMATCH, SessionShapes.unsupported(f).getMessage()));
      }
    }
    OpenAiRealtimeSession session = new OpenAiRealtimeSession(settings, config, listener, clock);
    Map.Entry<String, String> auth = settings.authHeader();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(auth.getKey(), auth.getValue());
    if (settings.dialect() == Dialect.PREVIEW) {
      // The preview protocol is selected by this header (Realtime API beta docs).
      headers.put("OpenAI-Beta", "realtime=v1");
    }
    var uri = settings.uri(config.model());
    WsClient.connect(uri, headers, settings.connectTimeout(), session.socketListener())
        .whenComplete(
            (ws, error) -> {
              if (error != null) {
                session.ready().completeExceptionally(classify(error, uri.getHost()));
              }
            });
    return session.ready();
  }

  /** Upgrade failures, classified; messages name the host and status, never the key. */
  static BackendException classify(Throwable error, String host) {
    Throwable cause =
        error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (cause instanceof WsHandshakeException h) {
      int status = h.statusCode();
      if (status == 401 || status == 403) {
        return new BackendException(
            BackendException.Kind.AUTHENTICATION,
            "OpenAI at " + host + " refused the API key (HTTP " + status + ")");
      }
      if (status == 404) {
        return new BackendException(
            BackendException.Kind.AUTHENTICATION,
            "OpenAI at " + host + " does not know this model or deployment (HTTP 404)");
      }
      return new BackendException(
          BackendException.Kind.UNAVAILABLE,
          "OpenAI at " + host + " refused the WebSocket upgrade (HTTP " + status + ")");
    }
    if (cause instanceof HttpTimeoutException) {
      return new BackendException(
          BackendException.Kind.UNAVAILABLE, "OpenAI at " + host + " timed out connecting", cause);
    }
    if (cause instanceof ConnectException) {
      return new BackendException(
          BackendException.Kind.UNAVAILABLE, "OpenAI at " + host + " is unreachable", cause);
    }
    return new BackendException(
        BackendException.Kind.UNAVAILABLE,
        "OpenAI at " + host + " connection failed: " + cause.getClass().getSimpleName(),
        cause);
  }

  @Override
  public String toString() {
    return "OpenAiRealtimeBackend[" + settings + "]";
  }
}
