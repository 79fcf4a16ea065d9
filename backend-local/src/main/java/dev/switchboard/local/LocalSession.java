package dev.switchboard.local;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendListener;
import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.local.asr.SpeechRecognizer;
import dev.switchboard.local.audio.AudioPaths;
import dev.switchboard.local.audio.SpeechActivity;
import dev.switchboard.local.audio.UtteranceSegmenter;
import dev.switchboard.local.flow.FlowEngine;
import dev.switchboard.local.tts.SpeechSynthesizer;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One offline call: the caller's audio is segmented by the VAD, decoded against the current flow
 * step's grammar, and the {@link FlowEngine}'s answers come back as synthesised responses, with the
 * same events, ids and barge-in/truncation behaviour as the OpenAI backend.
 *
 * <p>Threads: {@link RealtimeSession} methods only enqueue onto this session's worker (one virtual
 * thread), which owns every piece of call state ({@link CallState}); events reach the listener on
 * that worker. {@link #cancelResponse()} also raises a flag the synthesiser polls so a response
 * stops mid-sentence. Caller audio waiting for the worker is bounded ({@value #MAX_QUEUED_FRAMES}
 * frames, 10 s of 20 ms frames); beyond that new frames are dropped and counted.
 *
 * <p>Time: the session's clock is the caller's audio (milliseconds received on the input buffer, as
 * OpenAI's {@code audio_start_ms}): no-input timeouts and "the prompt has finished playing" are
 * measured in caller audio, which a transport delivers continuously in real time. Tests therefore
 * advance time by sending silence, with no sleeps and no wall clock.
 */
public final class LocalSession implements RealtimeSession {

  private static final Logger log = LoggerFactory.getLogger(LocalSession.class);
  static final int MAX_QUEUED_FRAMES = 500;

  private final String sessionId;
  private final SessionConfig config;
  private final BackendListener listener;
  private final ExecutorService worker;
  private final AtomicInteger queuedFrames = new AtomicInteger();
  private final AtomicLong droppedFrames = new AtomicLong();
  private final AtomicBoolean closing = new AtomicBoolean();
  private final AtomicBoolean closedDelivered = new AtomicBoolean();
  private final CallState state;
  private final Function<EncodedFrame, PcmFrame> decode;
  private final Resampler toModelRate;
  volatile boolean cancelRequested;

  LocalSession(
      String sessionId,
      LocalConfig settings,
      SessionConfig config,
      BackendListener listener,
      SpeechRecognizer recognizer,
      SpeechSynthesizer synthesizer) {
    this.sessionId = sessionId;
    this.config = config;
    this.listener = listener;
    this.decode = AudioPaths.decoder(config.inputFormat());
    this.toModelRate = AudioPaths.toRecognizerRate(config.inputFormat());
    int silenceMillis =
        config.turnDetection() instanceof TurnDetection.ServerVad v
            ? v.silenceDurationMs()
            : settings.defaultSilenceMillis();
    int prefixMillis =
        config.turnDetection() instanceof TurnDetection.ServerVad v ? v.prefixPaddingMs() : 300;
    UtteranceSegmenter segmenter =
        new UtteranceSegmenter(
            SpeechActivity.create(config.inputFormat().sampleRateHz()),
            settings.onsetMillis(),
            silenceMillis,
            prefixMillis);
    this.state =
        new CallState(
            sessionId,
            settings,
            listener,
            recognizer,
            new ResponseWriter(listener, synthesizer, config.outputFormat()),
            segmenter,
            () -> cancelRequested,
            () -> cancelRequested = false,
            TransferTargets.of(settings, config));
    this.worker =
        Executors.newSingleThreadExecutor(Thread.ofVirtual().name("local-" + sessionId).factory());
  }

  /** Delivers {@link BackendEvent.Ready} on the worker; the session is usable at once. */
  void open() {
    submit(() -> listener.onEvent(new BackendEvent.Ready(sessionId)));
  }

  public String sessionId() {
    return sessionId;
  }

  @Override
  public Capabilities capabilities() {
    return LocalBackend.CAPABILITIES;
  }

  @Override
  public SessionConfig config() {
    return config;
  }

  @Override
  public void sendAudio(EncodedFrame audio) {
    config.requireInput(audio);
    if (queuedFrames.incrementAndGet() > MAX_QUEUED_FRAMES) {
      queuedFrames.decrementAndGet();
      droppedFrames.incrementAndGet();
      return;
    }
    submit(
        () -> {
          queuedFrames.decrementAndGet();
          PcmFrame pcm = decode.apply(audio);
          PcmFrame model = toModelRate == null ? pcm : toModelRate.process(pcm);
          state.onAudio(pcm, model);
        });
  }

  @Override
  public void commitInput() {
    submit(state::commitInput);
  }

  @Override
  public void clearInput() {
    submit(state::clearInput);
  }

  /**
   * Starts the flow if it has not started (the call core asks the agent to speak first); later
   * calls are no-ops: the flow decides every turn itself, like server VAD with {@code
   * create_response}.
   */
  @Override
  public void createResponse(String instructions) {
    submit(state::startIfNeeded);
  }

  @Override
  public void cancelResponse() {
    cancelRequested = true; // seen by the synthesiser at once, even mid-response
  }

  @Override
  public void truncate(String itemId, int contentIndex, Duration heard) {
    submit(() -> state.truncate(itemId, contentIndex, heard));
  }

  @Override
  public void deleteItem(String itemId) {
    // Flows keep no conversation history to delete from.
  }

  @Override
  public void sendToolResult(String callId, String outputJson, boolean thenRespond) {
    submit(() -> state.toolResult(callId, outputJson));
  }

  /** Key presses as {@code "DTMF 3"} (see {@link DtmfText}); any other text is caller speech. */
  @Override
  public void sendText(String text) {
    submit(() -> state.text(text));
  }

  @Override
  public void updateSession(SessionConfig newConfig) {
    config.requireSameAudioFormats(newConfig);
    // Instructions and tools do not steer a flow; nothing else can change.
  }

  @Override
  public void addConversationItem(String role, String text) {
    // A flow restarts from its own state; replayed context has nowhere to go.
  }

  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    cancelRequested = true;
    try {
      worker.execute(() -> deliverClosed("closed", true));
    } catch (RejectedExecutionException e) {
      deliverClosed("closed", true);
    }
    worker.shutdown();
  }

  /**
   * Completes once everything sent so far has been handled: lets tests and benchmarks that send
   * audio faster than real time stay within the queue bound.
   */
  public java.util.concurrent.CompletableFuture<Void> flush() {
    java.util.concurrent.CompletableFuture<Void> done =
        new java.util.concurrent.CompletableFuture<>();
    try {
      worker.execute(() -> done.complete(null));
    } catch (RejectedExecutionException e) {
      done.complete(null);
    }
    return done;
  }

  public long droppedAudioFrames() {
    return droppedFrames.get();
  }

  private void deliverClosed(String reason, boolean expected) {
    if (closedDelivered.compareAndSet(false, true)) {
      listener.onEvent(new BackendEvent.Closed(reason, expected));
    }
  }

  private void submit(Runnable task) {
    if (closing.get()) {
      return;
    }
    try {
      worker.execute(
          () -> {
            if (closedDelivered.get()) {
              return;
            }
            try {
              task.run();
            } catch (RuntimeException e) {
              // Ours, not the caller's: count it in the log, keep the call going.
              log.error("offline session {} failed handling an input", sessionId, e);
              listener.onEvent(new BackendEvent.Error("local_engine", e.toString(), true));
            }
          });
    } catch (RejectedExecutionException e) {
      // closed concurrently: inputs after close are dropped
    }
  }

  @Override
  public String toString() {
    return "LocalSession["
        + sessionId
        + ", "
        + config.inputFormat()
        + " -> vad -> "
        + (toModelRate == null ? "" : toModelRate + " -> ")
        + "sphinx | flow -> freetts -> "
        + config.outputFormat()
        + "]";
  }
}
