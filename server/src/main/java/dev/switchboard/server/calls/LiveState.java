package dev.switchboard.server.calls;

import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.CallEventListener;
import dev.switchboard.transcoding.PcmFrame;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A call's live state for the admin API, kept by listening to its events. Written on the call's
 * control thread, read from HTTP threads: plain atomics, values may be a frame stale.
 */
public final class LiveState implements CallEventListener {

  private final AtomicLong bargeIns = new AtomicLong();
  private final AtomicLong agentAudioUntilNanos = new AtomicLong();
  private final AtomicLong callerSpeechNanos = new AtomicLong();
  private final AtomicBoolean recordingPaused = new AtomicBoolean();
  private volatile String lastAgentText = "";
  private volatile String lastCallerText = "";
  private final Ticker ticker;

  /** Monotonic time source (nanoseconds), injected for tests. */
  @FunctionalInterface
  public interface Ticker {
    long nanoTime();
  }

  public LiveState(Ticker ticker) {
    this.ticker = ticker;
  }

  @Override
  public void onEvent(CallEvent event) {
    switch (event) {
      case CallEvent.BargeIn b -> bargeIns.incrementAndGet();
      case CallEvent.PlaybackCleared c -> agentAudioUntilNanos.set(0);
      case CallEvent.TranscriptEntry t -> {
        if (t.role().equals("agent")) {
          lastAgentText = t.text();
        } else {
          lastCallerText = t.text();
        }
      }
      default -> {}
    }
  }

  @Override
  public void onAgentAudio(Duration at, PcmFrame frame) {
    // The agent is speaking while sent audio is still playing out.
    long until = ticker.nanoTime() + frame.durationMicros() * 1000L + 200_000_000L;
    agentAudioUntilNanos.accumulateAndGet(until, Math::max);
  }

  @Override
  public void onCallerAudio(Duration at, PcmFrame frame) {
    callerSpeechNanos.set(ticker.nanoTime());
  }

  /** {@code speaking} while agent audio plays, else {@code listening}. */
  public String mode() {
    return ticker.nanoTime() < agentAudioUntilNanos.get() ? "speaking" : "listening";
  }

  public long bargeIns() {
    return bargeIns.get();
  }

  public String lastAgentText() {
    return lastAgentText;
  }

  public String lastCallerText() {
    return lastCallerText;
  }

  public boolean recordingPaused() {
    return recordingPaused.get();
  }

  /** Returns the previous value. */
  public boolean setRecordingPaused(boolean paused) {
    return recordingPaused.getAndSet(paused);
  }
}
