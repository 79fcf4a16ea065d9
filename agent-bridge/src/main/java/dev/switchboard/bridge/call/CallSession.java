package dev.switchboard.bridge.call;

import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.bridge.bargein.EnergyOnsetClassifier;
import dev.switchboard.bridge.bargein.SpeechClassifier;
import dev.switchboard.bridge.call.ControlQueue.Kind;
import dev.switchboard.bridge.media.ResamplerFactory;
import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.transcoding.resample.Resamplers;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call: the single owner of its state. Transport, backend and timer callbacks only post tasks
 * to the {@link ControlQueue}; a control loop drains it on the injected executor, one task at a
 * time (production: the transport's {@link CallTransport#controlExecutor}, e.g. Twilio's socket IO
 * thread, or else one virtual thread per call; tests: the caller's thread, driven by a manual
 * clock). Urgent tasks overtake queued audio.
 *
 * <p>The call logic proper lives in {@link CallCore}; this class wires it, owns the loop and is the
 * public face. Public methods are thread-safe (they post); everything else is confined to the
 * control loop.
 */
public final class CallSession {

  private static final Logger LOG = LoggerFactory.getLogger(CallSession.class);

  private final ControlQueue queue = new ControlQueue(50, 4096);
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final Executor executor;
  private final ControlThread ownedExecutor;
  private final CallCore core;

  private CallSession(Builder b) {
    Executor chosen = b.executor != null ? b.executor : b.transport.controlExecutor();
    if (chosen == null) {
      this.ownedExecutor = new ControlThread("call-" + b.transport.info().callId());
      this.executor = ownedExecutor;
    } else {
      this.ownedExecutor = null;
      this.executor = chosen;
    }
    this.core = new CallCore(b, this::post);
    core.owner(this);
    core.terminated().whenComplete((t, e) -> shutdownOwnedExecutor());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Connects the backend now, before the transport is answered (pre-warm). Idempotent. */
  public CallSession prewarm() {
    post(core::connect, Kind.URGENT);
    return this;
  }

  /** Starts the call: connects the backend if not pre-warmed and starts the transport. */
  public CallSession start() {
    post(core::start, Kind.URGENT);
    return this;
  }

  /** Ends the call from our side (operator, flow). */
  public void hangUp(String reason) {
    post(() -> core.end(Termination.Result.COMPLETED_AGENT_HANGUP, reason), Kind.URGENT);
  }

  /**
   * Ends the agent's part because the caller was handed to someone else (a flow's DTMF rule or an
   * operator transferred the call): the call's result is {@code TRANSFERRED}, not a hang-up.
   */
  public void transferred(String reason) {
    post(() -> core.end(Termination.Result.TRANSFERRED, reason), Kind.URGENT);
  }

  /** Ends the call because the server is draining. */
  public void drain(String reason) {
    post(() -> core.end(Termination.Result.DRAINED, reason), Kind.URGENT);
  }

  /** Completes with the call's one termination once teardown finished. */
  public CompletableFuture<Termination> termination() {
    return core.terminated();
  }

  /** Counters for metrics; safe from any thread (values may be slightly stale). */
  public CallStats stats() {
    return core.stats(queue.droppedAudio(), queue.droppedEvents());
  }

  public String callId() {
    return core.callId();
  }

  /** The media chains of both directions, as logged at call start. */
  public String mediaChains() {
    return core.mediaChains();
  }

  /** Sends a text message to the model (for a {@link DtmfHandler}); control thread only. */
  public void sendTextToModel(String text) {
    core.sendText(text);
  }

  /** Posts a task to the control loop; an overflowing event queue ends the call. */
  void post(Runnable task, Kind kind) {
    if (!queue.offer(task, kind) && kind == Kind.EVENT) {
      queue.offer(() -> core.end(Termination.Result.ERROR, "control queue overflow"), Kind.URGENT);
    }
    if (scheduled.compareAndSet(false, true)) {
      try {
        executor.execute(this::drainLoop);
      } catch (RejectedExecutionException e) {
        // The call has ended and its control thread is gone: a late backend or transport event
        // (e.g. the backend socket's close after our own teardown) has nothing left to change.
        scheduled.set(false);
        LOG.debug(
            "call {}: event after the call ended dropped ({})", core.callId(), e.getMessage());
      } catch (RuntimeException e) {
        scheduled.set(false);
        LOG.warn("call {}: control executor rejected work", core.callId(), e);
      }
    }
  }

  private void drainLoop() {
    do {
      Runnable task;
      while ((task = queue.poll()) != null) {
        try {
          task.run();
        } catch (RuntimeException e) {
          core.onControlError(e);
        }
      }
      scheduled.set(false);
    } while (!queue.isEmpty() && scheduled.compareAndSet(false, true));
  }

  private void shutdownOwnedExecutor() {
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }

  /** Assembles a call. Not thread-safe; build once. */
  public static final class Builder {
    CallTransport transport;
    RealtimeBackend backend;
    CallConfig config;
    MediaClock clock;
    Executor executor;
    ResamplerFactory resamplers = Resamplers::create;
    Supplier<SpeechClassifier> classifiers = EnergyOnsetClassifier::defaults;
    final List<CallEventListener> listeners = new ArrayList<>();
    DtmfHandler dtmfHandler;

    public Builder transport(CallTransport value) {
      this.transport = value;
      return this;
    }

    public Builder backend(RealtimeBackend value) {
      this.backend = value;
      return this;
    }

    public Builder config(CallConfig value) {
      this.config = value;
      return this;
    }

    public Builder clock(MediaClock value) {
      this.clock = value;
      return this;
    }

    /**
     * Runs the control loop instead of the transport's {@link CallTransport#controlExecutor} or a
     * virtual thread; {@code Runnable::run} drives it on the posting thread (tests).
     */
    public Builder executor(Executor value) {
      this.executor = value;
      return this;
    }

    public Builder resamplers(ResamplerFactory value) {
      this.resamplers = value;
      return this;
    }

    public Builder speechClassifier(Supplier<SpeechClassifier> value) {
      this.classifiers = value;
      return this;
    }

    public Builder listener(CallEventListener value) {
      this.listeners.add(value);
      return this;
    }

    public Builder dtmfHandler(DtmfHandler value) {
      this.dtmfHandler = value;
      return this;
    }

    public CallSession build() {
      Objects.requireNonNull(transport, "transport");
      Objects.requireNonNull(backend, "backend");
      Objects.requireNonNull(config, "config");
      Objects.requireNonNull(clock, "clock");
      return new CallSession(this);
    }
  }
}
