package dev.switchboard.bridge.backend;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.transcoding.EncodedFrame;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link RealtimeSession} that outlives its underlying sessions.
 *
 * <p>Recycles proactively {@link RecyclingPolicy#margin()} before the session time limit, at a
 * quiet moment (no response active; forced at half the margin if none comes), and reconnects after
 * {@code session_expired}, {@link BackendEvent.GoAway} or an unexpected {@link
 * BackendEvent.Closed}. In the gap: emits {@code GoAway} (so the call can play a filler), buffers
 * caller audio (bounded; oldest dropped and counted), remembers a requested response; then replays
 * instructions and tools (in the config) and the text history, flushes the audio and emits {@code
 * Ready}. Attempts are bounded with backoff, all timed on the injected {@link MediaClock}; the
 * final failure is a fatal {@code Error} plus {@code Closed(expected=false)}.
 *
 * <p>Threads: call methods, inner-session events and timers meet here; one lock guards all state.
 * Each inner session gets a generation number and events of stale generations are ignored.
 */
public final class RecyclingSession implements RealtimeSession {

  private static final Logger log = LoggerFactory.getLogger(RecyclingSession.class);

  private enum State {
    CONNECTING,
    LIVE,
    RECONNECTING,
    CLOSED
  }

  private final RealtimeBackend backend;
  private final MediaClock clock;
  private final RecyclingPolicy policy;
  private final BackendListener listener;
  private final ConversationHistory history;
  private final Deque<EncodedFrame> gapAudio = new ArrayDeque<>();
  private final AtomicLong droppedGapFrames = new AtomicLong();
  private final AtomicLong recycles = new AtomicLong();
  private final CompletableFuture<RealtimeSession> started = new CompletableFuture<>();
  private SessionConfig config;
  private RealtimeSession current;
  private State state = State.CONNECTING;
  private int generation;
  private boolean responseActive;
  private boolean recyclePending;
  private boolean responseWanted;
  private String responseInstructions;
  private long gapAudioMicros;
  private String lastSessionId;
  private MediaClock.Timer recycleTimer;
  private MediaClock.Timer forceTimer;

  RecyclingSession(
      RealtimeBackend backend,
      MediaClock clock,
      RecyclingPolicy policy,
      SessionConfig config,
      BackendListener listener) {
    this.backend = backend;
    this.clock = clock;
    this.policy = policy;
    this.config = config;
    this.listener = listener;
    this.history = new ConversationHistory(policy.historyLimit());
  }

  synchronized CompletableFuture<RealtimeSession> start() {
    int gen = ++generation;
    backend
        .connect(config, e -> onInnerEvent(gen, e))
        .whenComplete(
            (s, error) -> {
              synchronized (this) {
                if (error != null) {
                  state = State.CLOSED;
                  started.completeExceptionally(unwrap(error));
                  return;
                }
                current = s;
                state = State.LIVE;
                scheduleRecycle(gen);
              }
              started.complete(this);
            });
    return started;
  }

  // ---- events of the inner sessions ----

  private synchronized void onInnerEvent(int gen, BackendEvent e) {
    if (gen != generation || state == State.CLOSED) {
      return; // a retired session's late events
    }
    switch (e) {
      case BackendEvent.Ready r -> {
        lastSessionId = r.sessionId();
        if (state == State.CONNECTING) {
          listener.onEvent(e); // a reconnect's Ready is emitted after the replay instead
        }
      }
      case BackendEvent.ResponseStarted r -> {
        responseActive = true;
        listener.onEvent(e);
      }
      case BackendEvent.ResponseDone r -> {
        responseActive = false;
        listener.onEvent(e);
        if (recyclePending) {
          recycle("session time limit", true);
        }
      }
      case BackendEvent.InputCommitted c -> {
        history.callerTurnCommitted(c.itemId());
        listener.onEvent(e);
      }
      case BackendEvent.UserTranscript t -> {
        history.callerTranscript(t.itemId(), t.text());
        listener.onEvent(e);
      }
      case BackendEvent.AgentTranscript t -> {
        history.add("assistant", t.text());
        listener.onEvent(e);
      }
      case BackendEvent.GoAway g -> {
        listener.onEvent(e);
        if (responseActive) {
          recyclePending = true;
        } else {
          recycle("backend going away: " + g.reason(), true);
        }
      }
      case BackendEvent.Error err when "session_expired".equals(err.code()) ->
          recycle("session_expired", false);
      case BackendEvent.Closed c -> {
        if (state == State.LIVE) {
          recycle("session lost: " + c.reason(), false);
        } else if (state == State.CONNECTING) {
          listener.onEvent(e);
        }
      }
      default -> listener.onEvent(e);
    }
  }

  // ---- recycling ----

  private void scheduleRecycle(int gen) {
    Duration limit =
        policy.sessionTimeLimit() != null
            ? policy.sessionTimeLimit()
            : backend.capabilities().sessionTimeLimit();
    if (limit == null) {
      return;
    }
    Duration due = limit.minus(policy.margin());
    recycleTimer = clock.schedule(due.isNegative() ? Duration.ZERO : due, () -> limitNear(gen));
  }

  private synchronized void limitNear(int gen) {
    if (gen != generation || state != State.LIVE) {
      return;
    }
    if (!responseActive) {
      recycle("session time limit", true);
      return;
    }
    recyclePending = true;
    // No quiet moment before the hard limit: recycle anyway at half the margin.
    forceTimer =
        clock.schedule(
            policy.margin().dividedBy(2),
            () -> {
              synchronized (this) {
                if (gen == generation && state == State.LIVE) {
                  recycle("session time limit (forced)", true);
                }
              }
            });
  }

  /** Retires the current session (if any) and connects a new one. Caller holds the lock. */
  private void recycle(String reason, boolean proactive) {
    if (state != State.LIVE) {
      return;
    }
    log.info("recycling realtime session ({}): {}", proactive ? "planned" : "lost", reason);
    recycles.incrementAndGet();
    state = State.RECONNECTING;
    cancelTimers();
    responseActive = false;
    recyclePending = false;
    RealtimeSession old = current;
    current = null;
    generation++; // from here on the old session's events are ignored
    listener.onEvent(new BackendEvent.GoAway(Duration.ZERO, reason));
    if (old != null) {
      old.close();
    }
    attempt(1);
  }

  private void attempt(int n) {
    int gen = ++generation;
    backend
        .connect(config, e -> onInnerEvent(gen, e))
        .whenComplete((s, error) -> attempted(gen, n, s, error));
  }

  private synchronized void attempted(int gen, int n, RealtimeSession s, Throwable error) {
    if (gen != generation || state != State.RECONNECTING) {
      if (s != null) {
        s.close();
      }
      return;
    }
    if (error != null) {
      BackendException cause = unwrap(error);
      if (cause.retryable() && n < policy.maxAttempts()) {
        log.warn("reconnect attempt {} failed: {}", n, cause.getMessage());
        clock.schedule(
            policy.backoffBefore(n + 1),
            () -> {
              synchronized (this) {
                if (gen == generation && state == State.RECONNECTING) {
                  attempt(n + 1);
                }
              }
            });
        return;
      }
      state = State.CLOSED;
      String message = "reconnect failed after " + n + " attempt(s): " + cause.getMessage();
      listener.onEvent(new BackendEvent.Error("reconnect_failed", message, false));
      listener.onEvent(new BackendEvent.Closed(message, false));
      return;
    }
    current = s;
    state = State.LIVE;
    for (Map.Entry<String, String> turn : history.replay()) {
      s.addConversationItem(turn.getKey(), turn.getValue());
    }
    while (!gapAudio.isEmpty()) {
      s.sendAudio(gapAudio.pollFirst());
    }
    gapAudioMicros = 0;
    if (responseWanted) {
      s.createResponse(responseInstructions);
      responseWanted = false;
    }
    scheduleRecycle(gen);
    listener.onEvent(new BackendEvent.Ready(lastSessionId));
  }

  private void cancelTimers() {
    if (recycleTimer != null) {
      recycleTimer.cancel();
    }
    if (forceTimer != null) {
      forceTimer.cancel();
    }
  }

  private static BackendException unwrap(Throwable error) {
    Throwable t = error;
    while (t.getCause() != null && !(t instanceof BackendException)) {
      t = t.getCause();
    }
    return t instanceof BackendException b
        ? b
        : new BackendException(BackendException.Kind.UNAVAILABLE, String.valueOf(t), t);
  }

  // ---- RealtimeSession ----

  @Override
  public synchronized Capabilities capabilities() {
    return current != null ? current.capabilities() : backend.capabilities();
  }

  @Override
  public synchronized SessionConfig config() {
    return config;
  }

  @Override
  public synchronized void sendAudio(EncodedFrame audio) {
    if (current != null) {
      current.sendAudio(audio);
      return;
    }
    if (state != State.RECONNECTING) {
      return;
    }
    gapAudio.addLast(audio);
    gapAudioMicros += audio.durationMicros();
    long limitMicros = policy.audioBuffer().toNanos() / 1000;
    while (gapAudioMicros > limitMicros && !gapAudio.isEmpty()) {
      gapAudioMicros -= gapAudio.pollFirst().durationMicros();
      droppedGapFrames.incrementAndGet();
    }
  }

  @Override
  public synchronized void commitInput() {
    if (current != null) {
      current.commitInput();
    }
  }

  @Override
  public synchronized void clearInput() {
    gapAudio.clear();
    gapAudioMicros = 0;
    if (current != null) {
      current.clearInput();
    }
  }

  @Override
  public synchronized void createResponse(String instructions) {
    if (current != null) {
      current.createResponse(instructions);
    } else {
      responseWanted = true;
      responseInstructions = instructions;
    }
  }

  @Override
  public synchronized void cancelResponse() {
    responseWanted = false;
    if (current != null) {
      current.cancelResponse();
    }
  }

  /** Items belong to one session: in the gap there is nothing to truncate. */
  @Override
  public synchronized void truncate(String itemId, int contentIndex, Duration heard) {
    if (current != null) {
      current.truncate(itemId, contentIndex, heard);
    }
  }

  @Override
  public synchronized void deleteItem(String itemId) {
    if (current != null) {
      current.deleteItem(itemId);
    }
  }

  /** A result for a call of a retired session cannot be delivered; it is logged and dropped. */
  @Override
  public synchronized void sendToolResult(String callId, String outputJson, boolean thenRespond) {
    if (current != null) {
      current.sendToolResult(callId, outputJson, thenRespond);
    } else {
      log.warn("dropping tool result for {}: its session was recycled", callId);
    }
  }

  @Override
  public synchronized void sendText(String text) {
    history.add("user", text);
    if (current != null) {
      current.sendText(text);
    }
  }

  @Override
  public synchronized void updateSession(SessionConfig newConfig) {
    config = newConfig;
    if (current != null) {
      current.updateSession(newConfig);
    }
  }

  @Override
  public synchronized void addConversationItem(String role, String text) {
    history.add(role, text);
    if (current != null) {
      current.addConversationItem(role, text);
    }
  }

  @Override
  public synchronized void close() {
    if (state == State.CLOSED) {
      return;
    }
    state = State.CLOSED;
    cancelTimers();
    generation++;
    if (current != null) {
      current.close();
      current = null;
    }
    listener.onEvent(new BackendEvent.Closed("closed", true));
  }

  /** Underlying sessions replaced so far. */
  public long recycleCount() {
    return recycles.get();
  }

  /** Caller audio frames dropped because a gap outlasted the buffer. */
  public long droppedGapFrames() {
    return droppedGapFrames.get();
  }

  @Override
  public synchronized String toString() {
    return "RecyclingSession[" + state + ", generation " + generation + "] -> " + current;
  }
}
