package dev.switchboard.bridge.call;

import dev.switchboard.transcoding.PcmFrame;
import java.time.Duration;

/**
 * Observes one call: metrics, transcripts, recordings. Called on the call's control thread.
 *
 * <p>Rules (as OkHttp's {@code EventListener}): be fast, do no I/O, never block, never throw. A
 * listener that throws is caught and counted; the call goes on. Hand heavy work to your own queue.
 */
public interface CallEventListener {

  void onEvent(CallEvent event);

  /** Tap: a caller frame as received, at {@code at} on the call clock. */
  default void onCallerAudio(Duration at, PcmFrame frame) {}

  /**
   * Tap: an agent frame sent to the caller, starting to play at {@code at} on the call clock. Audio
   * later cleared by a barge-in was sent but not all heard: see {@link CallEvent.PlaybackCleared}.
   */
  default void onAgentAudio(Duration at, PcmFrame frame) {}
}
