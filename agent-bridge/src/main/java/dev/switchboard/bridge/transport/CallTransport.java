package dev.switchboard.bridge.transport;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.transcoding.AudioFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * One call's connection to the caller: Twilio Media Stream, SIP dialog with RTP, or a file for
 * replay. The transport edge decodes and encodes; the call core sees PCM frames.
 */
public interface CallTransport {

  CallInfo info();

  /** The carrier's wire format (e.g. {@code pcmu/8000}); informs μ-law passthrough. */
  AudioFormat wireFormat();

  /** PCM rate of {@link TransportListener#onAudio} frames. */
  int uplinkRateHz();

  /** Starts delivering events to {@code listener}; called once. */
  void start(TransportListener listener);

  PlaybackSink playback();

  /** Ends the call from our side; idempotent. */
  CompletableFuture<Void> hangUp(String reason);

  /** Hands the caller to {@code target} (SIP/tel URI or number). */
  CompletableFuture<TransferResult> transfer(String target);

  /**
   * Where the call's control loop should run, or {@code null} (the default) for a virtual thread of
   * the call's own. A transport whose events arrive on an event-loop thread (Twilio: the Media
   * Stream socket's IO thread) returns that loop, so a caller frame and the agent audio it pumps
   * need no thread hand-off. The executor must run tasks later, never inside {@code execute}; the
   * session runs one task at a time on it and its tasks never block (listeners only enqueue, the
   * backend and sinks only queue non-blocking sends, tools and REST calls complete asynchronously).
   */
  default Executor controlExecutor() {
    return null;
  }

  /**
   * Timers for the call's 20 ms playout ticks, or {@code null} (the default) for the session
   * clock's shared timer thread. A transport whose {@link #controlExecutor} is an event loop with
   * timers of its own returns them: a tick then fires inside that loop instead of waking a timer
   * thread that only hands it over (Twilio: thousands of wake-ups a second at a few hundred calls).
   * Its {@link MediaClock#nanoTime} must be {@link System#nanoTime}; the session uses it only while
   * it runs on {@link dev.switchboard.bridge.time.SystemMediaClock}, whose time base it shares.
   */
  default MediaClock tickClock() {
    return null;
  }

  /**
   * Completes once this transport carries no more media for the call, so that the call may give
   * back its capacity slot. By default at once: the transport's media ends with the call session. A
   * transport that outlives the session completes it later: a SIP call bridged to a human ends its
   * session as transferred while both RTP legs keep being relayed here, until either side hangs up.
   */
  default CompletableFuture<Void> mediaReleased() {
    return CompletableFuture.completedFuture(null);
  }
}
