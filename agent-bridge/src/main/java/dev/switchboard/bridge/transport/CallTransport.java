package dev.switchboard.bridge.transport;

import dev.switchboard.transcoding.AudioFormat;
import java.util.concurrent.CompletableFuture;

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
}
