package dev.switchboard.server.wiring;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendListener;
import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.Usage;
import dev.switchboard.bridge.tools.HangUpTool;
import dev.switchboard.transcoding.EncodedFrame;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the offline backend's {@code hang_up} end the call as soon as its goodbye has played.
 *
 * <p>Why: the call core ends an agent hang-up once a response <em>after</em> the {@code hang_up}
 * result has played (a model says goodbye in its reply to the result, as {@code sendToolResult(..,
 * thenRespond=true)} asks). The offline IVR speaks its goodbye <em>before</em> calling {@code
 * hang_up}, in the same response, and sends no reply, so the caller would sit in silence until the
 * hang-up grace (15 s) ran out. This decorator answers a {@code hang_up} result with an empty
 * response ({@code ResponseStarted} + {@code ResponseDone}), the reply the call core waits for; the
 * call then ends when the goodbye already queued has played. Remove it once the offline backend
 * replies to tool results itself.
 *
 * <p>Thread-safe: ids are remembered in a concurrent set; events go to the call core's listener,
 * which accepts them from any thread.
 */
final class GoodbyeReplies implements RealtimeBackend {

  private static final AtomicLong REPLIES = new AtomicLong();

  private final RealtimeBackend delegate;

  GoodbyeReplies(RealtimeBackend delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public Capabilities capabilities() {
    return delegate.capabilities();
  }

  @Override
  public CompletableFuture<RealtimeSession> connect(
      SessionConfig config, BackendListener listener) {
    Set<String> hangUpCalls = ConcurrentHashMap.newKeySet();
    BackendListener watching =
        event -> {
          if (event instanceof BackendEvent.ToolCall c && c.name().equals(HangUpTool.NAME)) {
            hangUpCalls.add(c.callId());
          }
          listener.onEvent(event);
        };
    return delegate.connect(config, watching).thenApply(s -> new Session(s, listener, hangUpCalls));
  }

  @Override
  public String toString() {
    return delegate.toString();
  }

  private record Session(RealtimeSession inner, BackendListener listener, Set<String> hangUps)
      implements RealtimeSession {

    @Override
    public void sendToolResult(String callId, String outputJson, boolean thenRespond) {
      inner.sendToolResult(callId, outputJson, thenRespond);
      if (thenRespond && hangUps.remove(callId)) {
        String id = "resp_goodbye_" + REPLIES.incrementAndGet();
        listener.onEvent(new BackendEvent.ResponseStarted(id));
        listener.onEvent(new BackendEvent.ResponseDone(id, "completed", Usage.NONE));
      }
    }

    @Override
    public Capabilities capabilities() {
      return inner.capabilities();
    }

    @Override
    public SessionConfig config() {
      return inner.config();
    }

    @Override
    public void sendAudio(EncodedFrame audio) {
      inner.sendAudio(audio);
    }

    @Override
    public void commitInput() {
      inner.commitInput();
    }

    @Override
    public void clearInput() {
      inner.clearInput();
    }

    @Override
    public void createResponse(String instructions) {
      inner.createResponse(instructions);
    }

    @Override
    public void cancelResponse() {
      inner.cancelResponse();
    }

    @Override
    public void truncate(String itemId, int contentIndex, Duration heard) {
      inner.truncate(itemId, contentIndex, heard);
    }

    @Override
    public void deleteItem(String itemId) {
      inner.deleteItem(itemId);
    }

    @Override
    public void sendText(String text) {
      inner.sendText(text);
    }

    @Override
    public void updateSession(SessionConfig config) {
      inner.updateSession(config);
    }

    @Override
    public void addConversationItem(String role, String text) {
      inner.addConversationItem(role, text);
    }

    @Override
    public void close() {
      inner.close();
    }

    @Override
    public String toString() {
      return inner.toString();
    }
  }
}
