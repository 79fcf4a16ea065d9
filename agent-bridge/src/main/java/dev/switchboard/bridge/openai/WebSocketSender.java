package dev.switchboard.bridge.openai;

import java.net.http.WebSocket;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The single writer of one {@link WebSocket}: frames go out one at a time in enqueue order, so they
 * never interleave (the JDK client forbids a send while one is outstanding), and callers never wait
 * for the network.
 *
 * <p>Overflow policy: at most {@code maxDroppable} droppable messages (caller audio) wait; beyond
 * that the <em>oldest</em> waiting audio is dropped and counted, keeping latency bounded when the
 * network stalls. Control messages are never dropped. Thread-safe (one lock).
 */
final class WebSocketSender {

  private sealed interface Out {}

  private record Text(String text, boolean droppable) implements Out {}

  private record Close(int code, String reason) implements Out {}

  private final WebSocket socket;
  private final int maxDroppable;
  private final Consumer<Throwable> onFailure;
  private final Deque<Out> queue = new ArrayDeque<>();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong sent = new AtomicLong();
  private int droppableQueued;
  private boolean sending;
  private boolean closed;

  WebSocketSender(WebSocket socket, int maxDroppable, Consumer<Throwable> onFailure) {
    this.socket = socket;
    this.maxDroppable = maxDroppable;
    this.onFailure = onFailure;
  }

  void send(String text, boolean droppable) {
    enqueue(new Text(text, droppable));
  }

  /** Sends a close frame after everything queued; later sends are ignored. */
  void close(int code, String reason) {
    enqueue(new Close(code, reason));
  }

  private void enqueue(Out out) {
    synchronized (this) {
      if (closed) {
        return;
      }
      if (out instanceof Close) {
        closed = true;
      }
      if (out instanceof Text t && t.droppable()) {
        if (droppableQueued >= maxDroppable) {
          dropOldestDroppable();
        }
        droppableQueued++;
      }
      queue.addLast(out);
      if (sending) {
        return;
      }
      sending = true;
    }
    pump();
  }

  private void dropOldestDroppable() {
    for (Iterator<Out> it = queue.iterator(); it.hasNext(); ) {
      if (it.next() instanceof Text t && t.droppable()) {
        it.remove();
        droppableQueued--;
        dropped.incrementAndGet();
        return;
      }
    }
  }

  /** Sends queued frames; loops rather than recursing when sends complete synchronously. */
  private void pump() {
    while (true) {
      Out next;
      synchronized (this) {
        next = queue.pollFirst();
        if (next == null) {
          sending = false;
          return;
        }
        if (next instanceof Text t && t.droppable()) {
          droppableQueued--;
        }
      }
      CompletableFuture<WebSocket> done =
          switch (next) {
            case Text t -> socket.sendText(t.text(), true);
            case Close c -> socket.sendClose(c.code(), c.reason());
          };
      if (done.isDone() && !done.isCompletedExceptionally()) {
        sent.incrementAndGet();
        continue;
      }
      done.whenComplete(
          (ws, error) -> {
            if (error != null) {
              fail(error);
            } else {
              sent.incrementAndGet();
              pump();
            }
          });
      return;
    }
  }

  private void fail(Throwable error) {
    synchronized (this) {
      closed = true;
      queue.clear();
      droppableQueued = 0;
      sending = false;
    }
    onFailure.accept(error);
  }

  long droppedCount() {
    return dropped.get();
  }

  long sentCount() {
    return sent.get();
  }
}
