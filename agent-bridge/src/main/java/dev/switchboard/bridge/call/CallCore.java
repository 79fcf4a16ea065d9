package dev.switchboard.bridge.call;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.bargein.BargeInDetector;
import dev.switchboard.bridge.bargein.BargeInPolicy;
import dev.switchboard.bridge.bargein.UplinkAnalyzer;
import dev.switchboard.bridge.call.CallEvent.TranscriptEntry;
import dev.switchboard.bridge.call.ControlQueue.Kind;
import dev.switchboard.bridge.call.Termination.Result;
import dev.switchboard.bridge.media.MediaPipelines;
import dev.switchboard.bridge.media.UplinkPipeline;
import dev.switchboard.bridge.playback.OutboundFrame;
import dev.switchboard.bridge.playback.PlaybackPosition;
import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.tools.ToolInvoker;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.transcoding.PcmFrame;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The call logic of a {@link CallSession}: backend events, caller frames, barge-in, tools and
 * teardown. Every method runs on the control loop (callbacks from other threads post first), so no
 * field needs synchronisation except the termination future.
 */
final class CallCore implements ToolDispatch.Control {

  private static final Logger LOG = LoggerFactory.getLogger(CallCore.class);
  private static final Duration TICK = Duration.ofMillis(MediaPipelines.FRAME_MILLIS);
  private static final int PRECONNECT_FRAMES = 25;

  private final BiConsumer<Runnable, Kind> post;
  private final CallTransport transport;
  private final CallInfo info;
  private final MediaClock clock;
  private final CallConfig config;
  private final BargeInPolicy policy;
  private final Capabilities caps;
  private final SessionConfig sessionConfig;
  private final ListenerFanout listeners;
  private final ToolInvoker tools;
  private final DtmfHandler dtmfHandler;
  private final dev.switchboard.bridge.backend.RealtimeBackend backend;
  private final long originNanos;
  private final Playout playout;
  private final UplinkPipeline uplink;
  private final UplinkAnalyzer analyzer;
  private final BargeInDetector detector;
  private final AgentLines lines = new AgentLines();
  private final BargeInHandler bargeIn;
  private final ToolDispatch toolDispatch;
  private final ArrayDeque<PcmFrame> preconnect = new ArrayDeque<>();
  private final CompletableFuture<Termination> terminated = new CompletableFuture<>();
  private final String mediaChains;

  private RealtimeSession session;
  private CallSession owner;
  private boolean connectStarted;
  private boolean started;
  private boolean greeted;
  private long connectStartNanos;
  private String activeResponseId;
  private long callerSpeechEndNanos = -1;
  private final AgentHangUp hangUp = new AgentHangUp();
  private final PlayoutTicker ticker;
  private MediaClock.Timer maxDurationTimer;
  private Termination termination;
  private boolean transportClosed;

  CallCore(CallSession.Builder b, BiConsumer<Runnable, Kind> post) {
    this.post = post;
    this.transport = b.transport;
    this.info = b.transport.info();
    this.clock = b.clock;
    this.config = b.config;
    this.policy = config.bargeIn();
    this.backend = b.backend;
    this.caps = b.backend.capabilities();
    this.listeners = new ListenerFanout(b.listeners);
    this.tools = new ToolInvoker(config.tools(), clock);
    this.dtmfHandler = b.dtmfHandler;
    this.originNanos = clock.nanoTime();
    this.ticker =
        new PlayoutTicker(
            PlayoutTicker.clockFor(b.transport.tickClock(), clock),
            TICK,
            PlayoutTicker.fallbackFor(config.playbackLead(), TICK),
            this::postTick);
    this.sessionConfig = config.session().withMoreTools(tools.definitions());
    CallMedia media = CallMedia.wire(b, sessionConfig, originNanos, this::onAgentFrameSent);
    this.analyzer = media.analyzer();
    this.detector = media.detector();
    this.playout = media.playout();
    this.uplink = media.uplink();
    this.mediaChains = media.chains();
    this.bargeIn =
        new BargeInHandler(
            policy,
            caps,
            playout,
            lines,
            () -> session,
            () -> activeResponseId,
            this::emit,
            this::at);
    this.toolDispatch =
        new ToolDispatch(
            tools, info, transport, clock, post, () -> session, this::emit, this::at, this);
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  void start() {
    if (started || termination != null) {
      return;
    }
    started = true;
    LOG.info("call {} starting: {}", info.callId(), mediaChains);
    emit(new CallEvent.CallStarted(at(), info.callId(), mediaChains));
    maxDurationTimer =
        clock.schedule(
            config.maxDuration(),
            () -> post.accept(() -> end(Result.MAX_DURATION, "max duration"), Kind.URGENT));
    connect();
    transport.start(new TransportEvents(this, post));
    greetIfReady();
  }

  void connect() {
    if (connectStarted || termination != null) {
      return;
    }
    connectStarted = true;
    connectStartNanos = clock.nanoTime();
    emit(new CallEvent.BackendConnectStarted(at(), backend.name()));
    CompletableFuture<RealtimeSession> f;
    try {
      f = backend.connect(sessionConfig, this::onBackendEvent);
    } catch (RuntimeException e) {
      f = CompletableFuture.failedFuture(e);
    }
    f.whenComplete(
        (s, error) ->
            post.accept(() -> connected(s, error), error == null ? Kind.EVENT : Kind.URGENT));
  }

  private void connected(RealtimeSession s, Throwable error) {
    Duration took = Duration.ofNanos(clock.nanoTime() - connectStartNanos);
    if (error != null) {
      Throwable cause = error.getCause() != null ? error.getCause() : error;
      emit(new CallEvent.BackendConnectFailed(at(), backend.name(), cause.getMessage(), took));
      end(Result.BACKEND_FAILED, "backend connect failed: " + cause.getMessage());
      return;
    }
    if (termination != null) {
      s.close();
      return;
    }
    session = s;
    emit(new CallEvent.BackendConnected(at(), backend.name(), took));
    while (!preconnect.isEmpty()) {
      session.sendAudio(uplink.process(preconnect.poll()));
    }
    greetIfReady();
  }

  /**
   * Agent speaks first: asks for a response (OpenAI response.create) once the backend is connected
   * and the call has started. A pre-warmed session must not talk before the caller's leg is up (a
   * Twilio stream binds after the webhook pre-warmed the backend): that audio would be lost.
   */
  private void greetIfReady() {
    if (config.greeting() != null && !greeted && started && session != null) {
      greeted = true;
      session.createResponse(config.greeting());
    }
  }

  void owner(CallSession value) {
    this.owner = value;
  }

  CompletableFuture<Termination> terminated() {
    return terminated;
  }

  String callId() {
    return info.callId();
  }

  String mediaChains() {
    return mediaChains;
  }

  // ---- backend events ----------------------------------------------------------------------

  private void onBackendEvent(BackendEvent e) {
    post.accept(() -> handle(e), e.urgent() ? Kind.URGENT : Kind.EVENT);
  }

  private void handle(BackendEvent event) {
    if (termination != null) {
      return;
    }
    long now = clock.nanoTime();
    switch (event) {
      case BackendEvent.Ready r -> {}
      case BackendEvent.ResponseStarted r -> {
        activeResponseId = r.responseId();
        hangUp.responseStarted();
      }
      case BackendEvent.AudioDelta d -> {
        if (playout.accept(d)) {
          lines.get(d.responseId(), d.itemId(), now);
          pump();
        }
      }
      case BackendEvent.AudioDone d -> {
        playout.audioDone(d.itemId(), d.contentIndex());
        pump();
      }
      case BackendEvent.SpeechStarted s -> onBackendSpeechStarted(now);
      case BackendEvent.SpeechStopped s -> {
        if (callerSpeechEndNanos < 0) {
          callerSpeechEndNanos = now;
        }
      }
      case BackendEvent.InputCommitted c -> {}
      case BackendEvent.UserTranscriptDelta t -> {}
      case BackendEvent.UserTranscript t ->
          emit(new TranscriptEntry(at(), "caller", t.itemId(), t.text(), Duration.ZERO, false));
      case BackendEvent.AgentTranscriptDelta t ->
          lines.appendText(t.responseId(), t.itemId(), t.text(), now);
      case BackendEvent.AgentTranscript t -> {
        lines.setText(t.responseId(), t.itemId(), t.text(), now);
        emitReadyLines(false);
      }
      case BackendEvent.ToolCall c -> toolDispatch.run(c);
      case BackendEvent.Truncated t -> {}
      case BackendEvent.ResponseDone r -> {
        if (r.responseId().equals(activeResponseId)) {
          activeResponseId = null;
        }
        if (r.usage() != null) {
          emit(new CallEvent.UsageReported(at(), r.responseId(), r.usage()));
        }
        lines.responseDone(r.responseId());
        hangUp.responseDone();
        checkPlayback();
      }
      case BackendEvent.Error err -> {
        emit(
            new CallEvent.Error(
                at(), "backend", err.code() + ": " + err.message(), !err.recoverable()));
        if (!err.recoverable()) {
          end(Result.BACKEND_FAILED, "backend error " + err.code() + ": " + err.message());
        }
      }
      case BackendEvent.GoAway g ->
          emit(
              new CallEvent.Error(
                  at(), "backend", "go-away in " + g.timeLeft() + ": " + g.reason(), false));
      case BackendEvent.Closed c -> {
        if (!c.expected()) {
          end(Result.BACKEND_FAILED, "backend session closed: " + c.reason());
        }
      }
    }
  }

  // ---- caller side -------------------------------------------------------------------------

  void onCallerFrame(PcmFrame frame) {
    if (termination != null) {
      return;
    }
    long now = clock.nanoTime();
    listeners.onCallerAudio(
        Duration.ofNanos(now - originNanos - frame.durationMicros() * 1000), frame);
    UplinkAnalyzer.Result r = analyzer.analyze(frame, now);
    boolean speaking = bargeIn.agentSpeaking(now);
    switch (detector.onFrame(r.verdict(), speaking, frame.durationMicros(), now)) {
      case PAUSE -> bargeIn.pause(now);
      case COMMIT -> {
        bargeIn.commit("local", detector.onsetNanos(), now);
        emitReadyLines(false);
      }
      case RESUME -> {
        bargeIn.resume(now);
        ensureTicking();
      }
      case NONE -> {}
    }
    long speechEnd = detector.takeSpeechEndNanos();
    if (speechEnd >= 0) {
      callerSpeechEndNanos = speechEnd;
    }
    PcmFrame cleaned = r.cleaned();
    if (session != null) {
      session.sendAudio(uplink.process(cleaned));
    } else if (preconnect.size() < PRECONNECT_FRAMES) {
      preconnect.add(cleaned);
    }
    if (ticker.armed() && termination == null) {
      // Agent audio is playing: this frame's wake-up pumps it, and the tick need not (see
      // PlayoutTicker).
      pump();
      ticker.framePumped(now);
    }
  }

  private void onBackendSpeechStarted(long now) {
    detector.onExternalOnset(now);
    if (policy.enabled() && policy.useBackendSpeechStarted()) {
      bargeIn.commit("backend", now, now);
      emitReadyLines(false);
    }
  }

  // ---- playback ----------------------------------------------------------------------------

  private void pump() {
    playout.pump(clock.nanoTime());
    checkPlayback();
    ensureTicking();
  }

  private void onAgentFrameSent(OutboundFrame f, long playAtNanos) {
    analyzer.onAgentAudio(f.frame(), playAtNanos);
    listeners.onAgentAudio(Duration.ofNanos(playAtNanos - originNanos), f.frame());
    AgentLines.Line line = lines.find(f.itemId());
    if (line != null && !line.firstAudioSent) {
      line.firstAudioSent = true;
      if (callerSpeechEndNanos >= 0) {
        emit(
            new CallEvent.TurnLatency(
                at(), line.responseId, Duration.ofNanos(clock.nanoTime() - callerSpeechEndNanos)));
        callerSpeechEndNanos = -1;
      }
    }
  }

  /** Timer thread: a playout tick found no recent pump; pump on the control thread. */
  private void postTick() {
    post.accept(
        () -> {
          ticker.fired();
          if (termination == null) {
            pump();
          }
        },
        Kind.EVENT);
  }

  private void ensureTicking() {
    if (!ticker.armed()
        && termination == null
        && (playout.speaking(clock.nanoTime()) || hangUp.requested())) {
      ticker.arm();
    }
  }

  /** Records finished items and ends the call after a goodbye once it has played. */
  private void checkPlayback() {
    long now = clock.nanoTime();
    for (AgentLines.Line l : lines.open()) {
      if (!playout.cancelled(l.responseId) && l.textDone && playout.finished(l.itemId, now)) {
        lines.outcome(l.itemId, Duration.ofNanos(playout.queuedMicros(l.itemId, 0) * 1000), false);
      }
    }
    emitReadyLines(false);
    if (hangUp.goodbyeSaid() && !playout.speaking(now) && activeResponseId == null) {
      end(Result.COMPLETED_AGENT_HANGUP, hangUp.reason());
    }
  }

  private void emitReadyLines(boolean force) {
    for (AgentLines.Line l : lines.takeReady(force)) {
      emit(new TranscriptEntry(at(), "agent", l.itemId, l.text.toString(), l.heard, l.interrupted));
    }
  }

  // ---- tools and DTMF ----------------------------------------------------------------------

  @Override
  public void requestHangUp(String reason) {
    if (termination == null
        && hangUp.request(
            reason,
            clock,
            config.hangUpGrace(),
            () -> post.accept(() -> end(Result.COMPLETED_AGENT_HANGUP, reason), Kind.URGENT))) {
      ensureTicking();
    }
  }

  void onDtmf(char digit) {
    emit(new CallEvent.Dtmf(at(), digit));
    switch (config.dtmf()) {
      case HANDLER -> {
        if (dtmfHandler != null) {
          dtmfHandler.onDigit(digit, owner);
        }
      }
      case MODEL_TEXT -> sendText("The caller pressed the phone key '" + digit + "'.");
      case IGNORE -> {}
    }
  }

  void sendText(String text) {
    if (session != null && termination == null) {
      session.sendText(text);
    }
  }

  // ---- teardown ----------------------------------------------------------------------------

  @Override
  public boolean ended() {
    return termination != null;
  }

  void onControlError(RuntimeException e) {
    LOG.error("call {}: control loop error", info.callId(), e);
    emit(new CallEvent.Error(at(), "control", String.valueOf(e.getMessage()), true));
    end(Result.ERROR, "internal error: " + e);
  }

  /**
   * Ends the call once: stop uplink → clear playback → close backend → hang up transport → flush
   * listeners. Each step is bounded; later calls are ignored.
   */
  @Override
  public void end(Result result, String reason) {
    if (termination != null) {
      return;
    }
    termination = new Termination(result, reason);
    long now = clock.nanoTime();
    cancel(maxDurationTimer);
    ticker.stop();
    hangUp.cancelGrace();
    step("stop uplink", preconnect::clear);
    step(
        "clear playback",
        () -> {
          // The part playing when the call ends was heard up to here, not "not at all".
          PlaybackPosition heard = playout.stop(now);
          if (heard.itemId() != null) {
            lines.outcome(heard.itemId(), heard.heard(), true);
          }
        });
    step(
        "close backend",
        () -> {
          if (session != null) {
            session.close();
          }
        });
    CompletableFuture<Void> hangUp =
        transportClosed || !started ? CompletableFuture.completedFuture(null) : safeHangUp(reason);
    MediaClock.Timer timeout =
        clock.schedule(config.teardownStepTimeout(), () -> hangUp.complete(null));
    hangUp.whenComplete(
        (v, e) -> {
          timeout.cancel();
          post.accept(this::flush, Kind.URGENT);
        });
  }

  private CompletableFuture<Void> safeHangUp(String reason) {
    try {
      return transport.hangUp(reason).toCompletableFuture();
    } catch (RuntimeException e) {
      LOG.warn("call {}: hang-up failed", info.callId(), e);
      return CompletableFuture.completedFuture(null);
    }
  }

  private void flush() {
    if (terminated.isDone()) {
      return;
    }
    for (AgentLines.Line l : lines.open()) {
      lines.outcome(l.itemId, Duration.ZERO, true);
    }
    emitReadyLines(true);
    emit(new CallEvent.CallEnded(at(), termination, at()));
    terminated.complete(termination);
  }

  private void step(String name, Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      LOG.warn("call {}: teardown step '{}' failed", info.callId(), name, e);
    }
  }

  private static void cancel(MediaClock.Timer t) {
    if (t != null) {
      t.cancel();
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  private Duration at() {
    return Duration.ofNanos(clock.nanoTime() - originNanos);
  }

  private void emit(CallEvent e) {
    listeners.onEvent(e);
  }

  CallStats stats(long droppedAudio, long droppedEvents) {
    return new CallStats(
        droppedAudio,
        droppedEvents,
        playout.lateDeltasDropped(),
        playout.tracker().discardedMarks(),
        bargeIn.bargeIns(),
        bargeIn.falseInterruptions(),
        listeners.failures());
  }

  // ---- transport callbacks, on the control loop (TransportEvents posts them) ---------------

  void onMarkPlayed(String name) {
    playout.markPlayed(name, clock.nanoTime());
    if (termination == null) {
      pump();
    }
  }

  void onTransportClosed(String reason, boolean byCaller) {
    transportClosed = true;
    end(byCaller ? Result.COMPLETED_CALLER_HANGUP : Result.TRANSPORT_FAILED, reason);
  }
}
