package dev.switchboard.bridge.openai;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendException;
import dev.switchboard.bridge.backend.BackendListener;
import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.transcoding.EncodedFrame;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OpenAI Realtime session over one WebSocket.
 *
 * <p>Threads: {@link RealtimeSession} methods come from the call's control thread and only enqueue
 * on the {@link WebSocketSender}. Server messages arrive on the JDK client's listener, which the
 * JDK invokes one message at a time; this class requests one message at a time and reassembles
 * partial text frames there. Events reach the {@link BackendListener} on that listener thread.
 * {@link BackendEvent.Closed} is delivered exactly once.
 */
public final class OpenAiRealtimeSession implements RealtimeSession {

  private static final Logger log = LoggerFactory.getLogger(OpenAiRealtimeSession.class);

  /** 5 s of 20 ms frames may wait for a stalled socket before the oldest audio is dropped. */
  private static final int MAX_QUEUED_AUDIO_FRAMES = 250;

  private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

  private enum Phase {
    AWAIT_CREATED,
    AWAIT_UPDATED,
    READY
  }

  private final OpenAiConfig settings;
  private final BackendListener listener;
  private final MediaClock clock;
  private final OpenAiCodec codec;
  private final OpenAiEventMapper mapper;
  private final CompletableFuture<RealtimeSession> ready = new CompletableFuture<>();
  private final AtomicBoolean closedDelivered = new AtomicBoolean();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final StringBuilder partial = new StringBuilder();
  private volatile SessionConfig config;
  private volatile WireSession asked;
  private volatile Phase phase = Phase.AWAIT_CREATED;
  private volatile WebSocket socket;
  private volatile WebSocketSender sender;
  private volatile MediaClock.Timer handshakeTimer;

  OpenAiRealtimeSession(
      OpenAiConfig settings, SessionConfig config, BackendListener listener, MediaClock clock) {
    this.settings = settings;
    this.config = config;
    this.asked = WireSession.of(config);
    this.listener = listener;
    this.clock = clock;
    this.codec = new OpenAiCodec(settings.dialect());
    this.mapper = new OpenAiEventMapper(config.outputFormat());
  }

  /** The listener to give the JDK WebSocket builder. */
  WebSocket.Listener socketListener() {
    return new SocketListener();
  }

  CompletableFuture<RealtimeSession> ready() {
    return ready;
  }

  void opened(WebSocket ws) {
    this.socket = ws;
    this.sender = new WebSocketSender(ws, MAX_QUEUED_AUDIO_FRAMES, this::sendFailed);
    handshakeTimer =
        clock.schedule(
            settings.handshakeTimeout(),
            () ->
                failSetup(
                    new BackendException(
                        BackendException.Kind.UNAVAILABLE,
                        "OpenAI did not confirm the session within "
                            + settings.handshakeTimeout().toMillis()
                            + " ms (phase "
                            + phase
                            + ")")));
  }

  private void onMessage(String text) {
    ServerEvent event = codec.parse(text);
    switch (phase) {
      case AWAIT_CREATED -> {
        if (event instanceof ServerEvent.SessionCreated) {
          phase = Phase.AWAIT_UPDATED;
          sender.send(codec.encode(new ClientEvent.SessionUpdate(asked)), false);
          return;
        }
        handshakeError(event);
      }
      case AWAIT_UPDATED -> {
        if (event instanceof ServerEvent.SessionUpdated u) {
          confirm(u.session());
          return;
        }
        handshakeError(event);
      }
      case READY -> {
        if (event instanceof ServerEvent.SessionUpdated u) {
          checkMidSessionUpdate(u.session());
        }
        for (BackendEvent e : mapper.map(event)) {
          listener.onEvent(e);
        }
        if (event instanceof ServerEvent.Error err && "session_expired".equals(err.code())) {
          // OpenAI ends a session after at most 60 minutes with no resume; the socket is dead.
          finish("session_expired", false);
          socket.abort();
        }
      }
    }
  }

  private void confirm(WireSession got) {
    List<String> diffs = SessionMismatch.between(asked, got);
    if (!diffs.isEmpty()) {
      failSetup(
          new BackendException(
              BackendException.Kind.CONFIG_MISMATCH,
              "OpenAI did not apply the session as asked: " + String.join("; ", diffs)));
      return;
    }
    cancelHandshakeTimer();
    phase = Phase.READY;
    listener.onEvent(new BackendEvent.Ready(got.id()));
    ready.complete(this);
  }

  private void handshakeError(ServerEvent event) {
    if (event instanceof ServerEvent.Error e
        && ErrorClass.of(e.errorType(), e.code()) != ErrorClass.BENIGN) {
      BackendException.Kind kind =
          ErrorClass.of(e.errorType(), e.code()) == ErrorClass.FATAL
              ? BackendException.Kind.AUTHENTICATION
              : BackendException.Kind.CONFIG_MISMATCH;
      failSetup(
          new BackendException(
              kind, "OpenAI rejected the session setup: " + e.code() + ": " + e.message()));
    }
  }

  private void checkMidSessionUpdate(WireSession got) {
    List<String> diffs = SessionMismatch.between(asked, got);
    if (!diffs.isEmpty()) {
      listener.onEvent(
          new BackendEvent.Error(
              "config_mismatch", "session update not applied: " + String.join("; ", diffs), true));
    }
  }

  private void failSetup(BackendException error) {
    cancelHandshakeTimer();
    if (ready.completeExceptionally(error)) {
      log.warn("OpenAI session setup failed: {}", error.getMessage());
      closedDelivered.set(true); // never opened as far as the call knows: no Closed event
      WebSocket ws = socket;
      if (ws != null) {
        ws.abort();
      }
    }
  }

  private void cancelHandshakeTimer() {
    MediaClock.Timer t = handshakeTimer;
    if (t != null) {
      t.cancel();
    }
  }

  private void sendFailed(Throwable error) {
    log.warn("OpenAI send failed: {}", error.toString());
    finish("connection lost: " + error.getMessage(), false);
    socket.abort();
  }

  /** Delivers the one {@link BackendEvent.Closed} (or fails setup if we never got ready). */
  private void finish(String reason, boolean expected) {
    if (!ready.isDone()) {
      failSetup(
          new BackendException(
              BackendException.Kind.UNAVAILABLE,
              "OpenAI closed the connection during setup: " + reason));
      return;
    }
    if (closedDelivered.compareAndSet(false, true)) {
      listener.onEvent(new BackendEvent.Closed(reason, expected));
    }
  }

  // ---- RealtimeSession: every method only enqueues ----

  @Override
  public Capabilities capabilities() {
    return OpenAiRealtimeBackend.capabilitiesFor(config.turnDetection());
  }

  @Override
  public SessionConfig config() {
    return config;
  }

  @Override
  public void sendAudio(EncodedFrame audio) {
    config.requireInput(audio);
    sender.send(codec.encode(new ClientEvent.AppendAudio(audio.payload())), true);
  }

  @Override
  public void commitInput() {
    send(new ClientEvent.CommitInput());
  }

  @Override
  public void clearInput() {
    send(new ClientEvent.ClearInput());
  }

  @Override
  public void createResponse(String instructions) {
    send(new ClientEvent.CreateResponse(instructions));
  }

  @Override
  public void cancelResponse() {
    send(new ClientEvent.CancelResponse());
  }

  @Override
  public void truncate(String itemId, int contentIndex, Duration heard) {
    long clampedMs = mapper.clampAudioEndMs(itemId, heard.toMillis());
    if (clampedMs < heard.toMillis()) {
      // OpenAI rejects audio_end_ms beyond the item's audio: never ask for more than we received.
      log.debug(
          "truncate {} clamped from {} ms to {} ms received", itemId, heard.toMillis(), clampedMs);
    }
    send(new ClientEvent.TruncateItem(itemId, contentIndex, clampedMs));
  }

  @Override
  public void deleteItem(String itemId) {
    send(new ClientEvent.DeleteItem(itemId));
  }

  @Override
  public void sendToolResult(String callId, String outputJson, boolean thenRespond) {
    send(new ClientEvent.FunctionCallOutput(callId, outputJson));
    if (thenRespond) {
      send(new ClientEvent.CreateResponse(null));
    }
  }

  @Override
  public void sendText(String text) {
    send(new ClientEvent.TextMessage("user", text));
  }

  @Override
  public void updateSession(SessionConfig newConfig) {
    config.requireSameAudioFormats(newConfig);
    config = newConfig;
    asked = WireSession.of(newConfig);
    send(new ClientEvent.SessionUpdate(asked));
  }

  @Override
  public void addConversationItem(String role, String text) {
    send(new ClientEvent.TextMessage(role, text));
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    sender.close(WebSocket.NORMAL_CLOSURE, "call ended");
    // Bounded close: if the server never answers our close frame, drop the connection.
    clock.schedule(
        CLOSE_TIMEOUT,
        () -> {
          finish("closed", true);
          socket.abort();
        });
  }

  private void send(ClientEvent event) {
    sender.send(codec.encode(event), false);
  }

  // ---- observability ----

  public OpenAiCodec codec() {
    return codec;
  }

  public OpenAiEventMapper mapper() {
    return mapper;
  }

  public long droppedAudioFrames() {
    return sender.droppedCount();
  }

  @Override
  public String toString() {
    return "OpenAiRealtimeSession["
        + settings.dialect()
        + ", "
        + phase
        + ", "
        + config.inputFormat()
        + " -> "
        + config.outputFormat()
        + "]";
  }

  private final class SocketListener implements WebSocket.Listener {
    @Override
    public void onOpen(WebSocket ws) {
      opened(ws); // before the first request: session.created may follow at once
      ws.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        try {
          onMessage(text);
        } catch (RuntimeException e) {
          log.error("OpenAI event handling failed", e);
        }
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      ws.request(1); // the protocol is text only; ignore
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      boolean expected = closing.get();
      finish(expected ? "closed" : "server closed (" + statusCode + " " + reason + ")", expected);
      if (!expected) {
        sender.close(WebSocket.NORMAL_CLOSURE, "");
      }
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      finish("connection lost: " + error, closing.get());
    }
  }
}
