package dev.switchboard.bridge.call;

import dev.switchboard.bridge.backend.Capabilities;
import dev.switchboard.bridge.backend.RealtimeSession;
import dev.switchboard.bridge.bargein.BargeInPolicy;
import dev.switchboard.bridge.playback.OutboundFrame;
import dev.switchboard.bridge.playback.PlaybackPosition;
import dev.switchboard.bridge.playback.PlaybackTracker;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Carries out barge-in decisions on the call: pause (provisional clear), resume after a false
 * interruption, and commit: freeze what was heard, cancel the response unless the backend cancels
 * itself, truncate the item to {@code min(heard, received)} only if playback was really cut, delete
 * items that never started, and close the agent's transcript lines as interrupted. Stopping
 * playback without this model-side bookkeeping would be a fake interrupt.
 *
 * <p>Confined to the call's control thread.
 */
final class BargeInHandler {

  private final BargeInPolicy policy;
  private final Capabilities caps;
  private final Playout playout;
  private final AgentLines lines;
  private final Supplier<RealtimeSession> session;
  private final Supplier<String> activeResponse;
  private final Consumer<CallEvent> emit;
  private final Supplier<Duration> at;
  private PlaybackTracker.Cleared provisional;
  private long provisionalNanos;
  private long bargeIns;
  private long falseInterruptions;

  BargeInHandler(
      BargeInPolicy policy,
      Capabilities caps,
      Playout playout,
      AgentLines lines,
      Supplier<RealtimeSession> session,
      Supplier<String> activeResponse,
      Consumer<CallEvent> emit,
      Supplier<Duration> at) {
    this.policy = policy;
    this.caps = caps;
    this.playout = playout;
    this.lines = lines;
    this.session = session;
    this.activeResponse = activeResponse;
    this.emit = emit;
    this.at = at;
  }

  /** Agent audio is playing, queued, or held back by a provisional pause. */
  boolean agentSpeaking(long now) {
    return provisional != null || playout.speaking(now);
  }

  /** Onset: stop the agent at once; with {@code clearOnPause} the carrier is cleared too. */
  void pause(long now) {
    if (policy.clearOnPause()) {
      provisional = playout.pauseAndClear(now);
      provisionalNanos = now;
      PlaybackPosition p = provisional.position();
      emit.accept(new CallEvent.PlaybackCleared(at.get(), p.itemId(), p.heard(), true));
    } else {
      playout.pause();
    }
  }

  /** Speech stopped before {@code minSpeech}: play on from where it paused. */
  void resume(long now) {
    falseInterruptions++;
    PlaybackPosition p = provisional == null ? null : provisional.position();
    provisional = null;
    playout.resume(now);
    emit.accept(new CallEvent.PlaybackResumed(at.get(), p == null ? null : p.itemId()));
  }

  /** The caller interrupted for good. */
  void commit(String source, long onsetNanos, long now) {
    boolean cleared = provisional != null;
    if (!cleared && !playout.speaking(now)) {
      return; // Playback already finished: nothing to cut, nothing to truncate.
    }
    Playout.Interrupted cut = playout.interrupt(now, cleared);
    PlaybackTracker.Cleared freeze = cleared ? provisional : cut.cleared();
    long clearNanos = cleared ? provisionalNanos : now;
    provisional = null;
    bargeIns++;
    PlaybackPosition pos = freeze.position();
    Duration latency = Duration.ofNanos(Math.max(0, clearNanos - onsetNanos));
    emit.accept(new CallEvent.BargeIn(at.get(), source, latency));
    emit.accept(new CallEvent.PlaybackCleared(at.get(), pos.itemId(), pos.heard(), false));
    RealtimeSession s = session.get();
    String response = activeResponse.get();
    if (response != null) {
      playout.cancelResponse(response); // its late deltas are dropped from now on
      if (s != null && !caps.autoCancelOnSpeech()) {
        s.cancelResponse();
      }
    }
    if (pos.itemId() != null && pos.interrupted()) {
      // OpenAI conversation.item.truncate: audio_end_ms must not exceed the audio received.
      long heardMicros =
          Math.min(
              pos.heard().toNanos() / 1000,
              playout.receivedMicros(pos.itemId(), pos.contentIndex()));
      Duration heard = Duration.ofNanos(heardMicros * 1000);
      if (s != null && caps.truncation()) {
        s.truncate(pos.itemId(), pos.contentIndex(), heard);
      }
      lines.outcome(pos.itemId(), heard, true);
    }
    Set<String> neverStarted = new LinkedHashSet<>(cut.queuedItems());
    for (OutboundFrame f : freeze.unplayed()) {
      neverStarted.add(f.itemId());
    }
    neverStarted.remove(pos.itemId());
    for (String item : neverStarted) {
      if (s != null) {
        s.deleteItem(item);
      }
      lines.outcome(item, Duration.ZERO, true);
    }
    for (AgentLines.Line l : lines.open()) {
      if (l.responseId.equals(response)) {
        lines.outcome(l.itemId, Duration.ZERO, true);
      }
    }
  }

  long bargeIns() {
    return bargeIns;
  }

  long falseInterruptions() {
    return falseInterruptions;
  }
}
