package dev.switchboard.bridge.call;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.call.ControlQueue.Kind;
import dev.switchboard.bridge.call.Termination.Result;
import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.tools.ToolContext;
import dev.switchboard.bridge.tools.ToolInvoker;
import dev.switchboard.bridge.tools.ToolJson;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.bridge.transport.TransferResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the model's tool calls for one call (only complete calls reach it: {@link
 * BackendEvent.ToolCall} is emitted once the arguments are done) and returns every result with
 * {@code sendToolResult(callId, json, true)}. Results come back on any thread and are posted to the
 * control loop; {@code hang_up} and {@code transfer} act on the call through {@link ToolContext}.
 *
 * <p>{@link #run} is called on the control thread; the context is safe from any thread.
 */
final class ToolDispatch {

  /** What tools may ask of the call; invoked on the control thread. */
  interface Control {
    void requestHangUp(String reason);

    void end(Result result, String reason);

    boolean ended();
  }

  private final ToolInvoker tools;
  private final CallInfo info;
  private final CallTransport transport;
  private final MediaClock clock;
  private final BiConsumer<Runnable, Kind> post;
  private final Supplier<RealtimeSession> session;
  private final Consumer<CallEvent> emit;
  private final Supplier<Duration> at;
  private final Control control;
  private final Context context = new Context();

  ToolDispatch(
      ToolInvoker tools,
      CallInfo info,
      CallTransport transport,
      MediaClock clock,
      BiConsumer<Runnable, Kind> post,
      Supplier<RealtimeSession> session,
      Consumer<CallEvent> emit,
      Supplier<Duration> at,
      Control control) {
    this.tools = tools;
    this.info = info;
    this.transport = transport;
    this.clock = clock;
    this.post = post;
    this.session = session;
    this.emit = emit;
    this.at = at;
    this.control = control;
  }

  void run(BackendEvent.ToolCall c) {
    long startNanos = clock.nanoTime();
    emit.accept(new CallEvent.ToolCalled(at.get(), c.callId(), c.name(), c.arguments()));
    tools
        .invoke(c.name(), c.arguments(), context)
        .thenAccept(json -> post.accept(() -> deliver(c, json, startNanos), Kind.EVENT));
  }

  private void deliver(BackendEvent.ToolCall c, String json, long startNanos) {
    Duration took = Duration.ofNanos(clock.nanoTime() - startNanos);
    emit.accept(
        new CallEvent.ToolResult(
            at.get(), c.callId(), c.name(), json, !ToolJson.isError(json), took));
    RealtimeSession s = session.get();
    if (!control.ended() && s != null) {
      s.sendToolResult(c.callId(), json, true);
    }
  }

  /** What tools may do to this call; safe from any thread. */
  private final class Context implements ToolContext {
    @Override
    public CallInfo call() {
      return info;
    }

    @Override
    public void hangUpAfterPlayback(String reason) {
      post.accept(() -> control.requestHangUp(reason), Kind.EVENT);
    }

    @Override
    public CompletableFuture<TransferResult> transfer(String target) {
      return transport
          .transfer(target)
          .thenApply(
              r -> {
                if (r.success()) {
                  post.accept(
                      () -> control.end(Result.TRANSFERRED, "transferred to " + target),
                      Kind.URGENT);
                }
                return r;
              });
    }
  }
}
