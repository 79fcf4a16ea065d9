package dev.switchboard.testkit;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendException;
import dev.switchboard.bridge.backend.BackendListener;
import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.Usage;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * An in-memory {@link RealtimeBackend} scripted per test on a {@link ManualClock}: events are
 * delivered at given call-clock times; the {@link ScriptedSession} records every request. Speaks
 * pcm16/8000 by default so no resampler is needed. Driven by the test thread.
 */
public final class ScriptedBackend implements RealtimeBackend {

  /** A scripted event at an absolute clock time. */
  record Timed(Duration at, BackendEvent event) {}

  private final ManualClock clock;
  private final List<Timed> script = new ArrayList<>();
  private Capabilities capabilities = capabilities(false);
  private Duration connectDelay = Duration.ofMillis(200);
  private BackendException connectFailure;
  private ScriptedSession session;

  public ScriptedBackend(ManualClock clock) {
    this.clock = clock;
  }

  /** pcm16/8000 in and out, truncation, server VAD, tools. */
  public static Capabilities capabilities(boolean autoCancelOnSpeech) {
    return new Capabilities(
        Set.of(AudioFormat.PCM16_8K),
        Set.of(AudioFormat.PCM16_8K),
        true,
        true,
        autoCancelOnSpeech,
        true,
        null,
        true);
  }

  public ScriptedBackend capabilities(Capabilities value) {
    this.capabilities = value;
    return this;
  }

  public ScriptedBackend connectDelay(Duration value) {
    this.connectDelay = value;
    return this;
  }

  /** Connect fails after the delay, e.g. a {@code session.updated} that did not match. */
  public ScriptedBackend failConnect(BackendException error) {
    this.connectFailure = error;
    return this;
  }

  /** Delivers {@code event} at call time {@code at} (or right after connect if earlier). */
  public ScriptedBackend at(Duration at, BackendEvent event) {
    script.add(new Timed(at, event));
    return this;
  }

  /**
   * Scripts a response with one audio item of {@code audio} (pcm16/8000 samples), delivered from
   * {@code at} in 100 ms chunks {@code speedup} times faster than real time, with its transcript.
   */
  public ScriptedBackend speak(
      Duration at, String responseId, String itemId, short[] audio, double speedup, String text) {
    return speakItems(at, responseId, List.of(new Item(itemId, audio, text)), speedup);
  }

  /** One agent audio item of a scripted response. */
  public record Item(String itemId, short[] audio, String text) {}

  /** Scripts a response of several audio items in order. */
  public ScriptedBackend speakItems(
      Duration at, String responseId, List<Item> items, double speedup) {
    at(at, new BackendEvent.ResponseStarted(responseId));
    long t = at.toNanos();
    int chunk = 800;
    for (Item item : items) {
      // Text deltas run ahead of the audio (as with OpenAI's output_audio_transcript.delta).
      at(
          Duration.ofNanos(t),
          new BackendEvent.AgentTranscriptDelta(responseId, item.itemId(), item.text()));
      for (int off = 0; off < item.audio().length; off += chunk) {
        int n = Math.min(chunk, item.audio().length - off);
        byte[] pcm = new byte[n * 2];
        for (int i = 0; i < n; i++) {
          pcm[2 * i] = (byte) item.audio()[off + i];
          pcm[2 * i + 1] = (byte) (item.audio()[off + i] >> 8);
        }
        at(
            Duration.ofNanos(t),
            new BackendEvent.AudioDelta(
                responseId, item.itemId(), 0, EncodedFrame.of(AudioFormat.PCM16_8K, pcm)));
        t += (long) (n * 1_000_000_000L / 8000 / speedup);
      }
      at(Duration.ofNanos(t), new BackendEvent.AudioDone(responseId, item.itemId(), 0));
      at(
          Duration.ofNanos(t),
          new BackendEvent.AgentTranscript(responseId, item.itemId(), item.text()));
    }
    at(Duration.ofNanos(t), new BackendEvent.ResponseDone(responseId, "completed", Usage.NONE));
    return this;
  }

  @Override
  public String name() {
    return "scripted";
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public CompletableFuture<RealtimeSession> connect(SessionConfig config, BackendListener l) {
    CompletableFuture<RealtimeSession> f = new CompletableFuture<>();
    clock.schedule(
        connectDelay,
        () -> {
          if (connectFailure != null) {
            f.completeExceptionally(connectFailure);
            return;
          }
          session = new ScriptedSession(clock, capabilities, config, l);
          l.onEvent(new BackendEvent.Ready("sess-scripted"));
          for (Timed e : script) {
            session.deliverAt(e.at(), e.event());
          }
          f.complete(session);
        });
    return f;
  }

  /** The session opened by the call, or {@code null} before connect. */
  public ScriptedSession session() {
    return session;
  }
}
