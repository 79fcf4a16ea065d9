package dev.switchboard.testkit.twilio;

import java.net.http.WebSocket;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Sends on a JDK {@link WebSocket}, which allows one outstanding send at a time: operations wait
 * here and go out one after another, in a loop (no future chains that grow or recurse under
 * backpressure). A failed send does not stop later ones. Thread-safe.
 */
final class SocketOutbox {

  private final Supplier<WebSocket> socket;
  private final ArrayDeque<Function<WebSocket, CompletableFuture<WebSocket>>> queue =
      new ArrayDeque<>();
  private boolean sending;

  SocketOutbox(Supplier<WebSocket> socket) {
    this.socket = socket;
  }

  void send(String text) {
    enqueue(ws -> ws.sendText(text, true));
  }

  /** A normal close (RFC 6455 status 1000) after everything queued. */
  void close() {
    enqueue(ws -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "stop"));
  }

  private void enqueue(Function<WebSocket, CompletableFuture<WebSocket>> op) {
    synchronized (queue) {
      queue.addLast(op);
      if (sending) {
        return;
      }
      sending = true;
    }
    pump();
  }

  private void pump() {
    while (true) {
      Function<WebSocket, CompletableFuture<WebSocket>> op;
      synchronized (queue) {
        op = queue.pollFirst();
        if (op == null) {
          sending = false;
          return;
        }
      }
      WebSocket ws = socket.get();
      if (ws == null || ws.isOutputClosed()) {
        continue;
      }
      CompletableFuture<WebSocket> f;
      try {
        f = op.apply(ws);
      } catch (RuntimeException e) {
        continue;
      }
      if (!f.isDone()) {
        f.whenComplete((w, e) -> pump());
        return;
      }
    }
  }
}
