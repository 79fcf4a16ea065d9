package dev.switchboard.sip.bench;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendListener;
import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.Usage;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * An in-process realtime backend for load tests, at 24 kHz PCM16 both ways so the call core
 * transcodes 8 kHz ↔ 24 kHz for every call. It answers the greeting and then every {@link
 * #TURN_MILLIS} of caller audio with a {@link #REPLY_MILLIS} 24 kHz tone, delivered in 100 ms
 * deltas five times faster than real time (as real models do). No network: what is measured is the
 * bridge, not a WebSocket.
 *
 * <p>Events come from one shared scheduler thread (the backend's own thread, as the SPI says).
 */
final class LoadBackend implements RealtimeBackend {

  static final int TURN_MILLIS = 4000;
  static final int REPLY_MILLIS = 1500;
  private static final int RATE_HZ = 24_000;
  private static final int DELTA_MILLIS = 100;
  private static final long DELTA_PERIOD_NANOS = DELTA_MILLIS * 1_000_000L / 5;

  private static final byte[] DELTA = tone(DELTA_MILLIS);
  private static final Capabilities CAPABILITIES =
      new Capabilities(
          Set.of(AudioFormat.PCM16_24K),
          Set.of(AudioFormat.PCM16_24K),
          true,
          true,
          false,
          false,
          null,
          false);

  private final ScheduledExecutorService events =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("load-backend").daemon().factory());
  private final AtomicLong ids = new AtomicLong();
  final LongAdder responses = new LongAdder();
  final LongAdder cancels = new LongAdder();
  final LongAdder callerSamples = new LongAdder();

  @Override
  public String name() {
    return "load";
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public CompletableFuture<RealtimeSession> connect(SessionConfig config, BackendListener l) {
    CompletableFuture<RealtimeSession> f = new CompletableFuture<>();
    Session s = new Session(config, l);
    events.execute(
        () -> {
          l.onEvent(new BackendEvent.Ready("load-" + ids.incrementAndGet()));
          f.complete(s);
        });
    return f;
  }

  private static byte[] tone(int millis) {
    int n = RATE_HZ * millis / 1000;
    byte[] pcm = new byte[n * 2];
    for (int i = 0; i < n; i++) {
      short v = (short) (6000 * Math.sin(2 * Math.PI * 440 * i / RATE_HZ));
      pcm[2 * i] = (byte) v;
      pcm[2 * i + 1] = (byte) (v >> 8);
    }
    return pcm;
  }

  /** One call's conversation; state guarded by its lock. */
  private final class Session implements RealtimeSession {
    private final SessionConfig config;
    private final BackendListener listener;
    private long samplesSinceTurn;
    private String response;
    private String item;
    private int deltasLeft;
    private ScheduledFuture<?> delivery;
    private boolean closed;

    Session(SessionConfig config, BackendListener listener) {
      this.config = config;
      this.listener = listener;
    }

    @Override
    public Capabilities capabilities() {
      return CAPABILITIES;
    }

    @Override
    public SessionConfig config() {
      return config;
    }

    @Override
    public synchronized void sendAudio(EncodedFrame audio) {
      callerSamples.add(audio.samples());
      if (response != null || closed) {
        return;
      }
      samplesSinceTurn += audio.samples();
      if (samplesSinceTurn >= (long) RATE_HZ * TURN_MILLIS / 1000) {
        samplesSinceTurn = 0;
        String user = "u" + ids.incrementAndGet();
        events.execute(
            () -> {
              listener.onEvent(new BackendEvent.SpeechStarted(user, 0));
              listener.onEvent(new BackendEvent.SpeechStopped(user, TURN_MILLIS));
              listener.onEvent(new BackendEvent.InputCommitted(user, null));
            });
        startResponse();
      }
    }

    @Override
    public void commitInput() {}

    @Override
    public void clearInput() {}

    @Override
    public synchronized void createResponse(String instructions) {
      if (response == null && !closed) {
        startResponse();
      }
    }

    private void startResponse() {
      response = "r" + ids.incrementAndGet();
      item = "i" + ids.incrementAndGet();
      deltasLeft = REPLY_MILLIS / DELTA_MILLIS;
      responses.increment();
      String r = response;
      String i = item;
      events.execute(
          () -> {
            listener.onEvent(new BackendEvent.ResponseStarted(r));
            listener.onEvent(new BackendEvent.AgentTranscriptDelta(r, i, "tone"));
          });
      delivery =
          events.scheduleAtFixedRate(
              this::deliverNext, 0, DELTA_PERIOD_NANOS, TimeUnit.NANOSECONDS);
    }

    private synchronized void deliverNext() {
      if (response == null) {
        return;
      }
      String r = response;
      String i = item;
      if (deltasLeft-- > 0) {
        listener.onEvent(
            new BackendEvent.AudioDelta(
                r, i, 0, EncodedFrame.of(AudioFormat.PCM16_24K, DELTA.clone())));
        return;
      }
      finish();
      listener.onEvent(new BackendEvent.AudioDone(r, i, 0));
      listener.onEvent(new BackendEvent.AgentTranscript(r, i, "tone"));
      listener.onEvent(new BackendEvent.ResponseDone(r, "completed", Usage.NONE));
    }

    private void finish() {
      if (delivery != null) {
        delivery.cancel(false);
      }
      response = null;
    }

    @Override
    public synchronized void cancelResponse() {
      if (response == null) {
        return;
      }
      String r = response;
      finish();
      cancels.increment();
      events.execute(
          () -> listener.onEvent(new BackendEvent.ResponseDone(r, "cancelled", Usage.NONE)));
    }

    @Override
    public void truncate(String itemId, int contentIndex, Duration heard) {
      events.execute(
          () ->
              listener.onEvent(new BackendEvent.Truncated(itemId, contentIndex, heard.toMillis())));
    }

    @Override
    public void deleteItem(String itemId) {}

    @Override
    public void sendToolResult(String callId, String outputJson, boolean thenRespond) {}

    @Override
    public void sendText(String text) {}

    @Override
    public void updateSession(SessionConfig config) {}

    @Override
    public void addConversationItem(String role, String text) {}

    @Override
    public synchronized void close() {
      if (closed) {
        return;
      }
      closed = true;
      finish();
      events.execute(() -> listener.onEvent(new BackendEvent.Closed("closed by call", true)));
    }
  }
}
