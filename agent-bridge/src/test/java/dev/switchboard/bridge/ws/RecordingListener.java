package dev.switchboard.bridge.ws;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records listener calls in order ({@code open}, {@code text:<data>} with {@code ...} for a
 * fragment, {@code ping:<data>}, {@code close:<code>:<reason>}, {@code error:<error>}) and the
 * threads that delivered texts. Asks for one message on open and on every ping; after a text only
 * when {@code autoRequest}.
 */
final class RecordingListener implements WebSocket.Listener {

  final List<String> events = new CopyOnWriteArrayList<>();
  final Set<String> threads = ConcurrentHashMap.newKeySet();
  final CompletableFuture<Void> closed = new CompletableFuture<>();
  private final boolean autoRequest;

  RecordingListener() {
    this(true);
  }

  RecordingListener(boolean autoRequest) {
    this.autoRequest = autoRequest;
  }

  @Override
  public void onOpen(WebSocket ws) {
    events.add("open");
    ws.request(1);
  }

  @Override
  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
    threads.add(Thread.currentThread().getName());
    events.add("text:" + data + (last ? "" : "..."));
    if (autoRequest) {
      ws.request(1);
    }
    return null;
  }

  @Override
  public CompletionStage<?> onPing(WebSocket ws, ByteBuffer message) {
    events.add("ping:" + StandardCharsets.UTF_8.decode(message));
    ws.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
    events.add("close:" + statusCode + ":" + reason);
    closed.complete(null);
    return null;
  }

  @Override
  public void onError(WebSocket ws, Throwable error) {
    events.add("error:" + error);
    closed.complete(null);
  }
}
