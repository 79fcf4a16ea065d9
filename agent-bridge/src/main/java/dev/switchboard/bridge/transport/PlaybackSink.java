package dev.switchboard.bridge.transport;

import dev.switchboard.transcoding.PcmFrame;

/**
 * Where agent audio goes towards the caller. The transport encodes to its wire format.
 *
 * <p>Called from the call's control thread only; implementations never block (they queue to the
 * transport's own writer).
 */
public interface PlaybackSink {

  /** PCM rate this sink expects (8000 for G.711 carriers). */
  int sampleRateHz();

  /** Queues agent audio for playout. */
  void write(PcmFrame frame);

  /**
   * Queues a mark after the audio written so far; the transport reports it through {@link
   * TransportListener#onMarkPlayed(String)} once everything before it has been played (Twilio
   * echoes marks; a paced transport reports them itself).
   */
  void mark(String name);

  /** Drops all queued, unplayed audio at once (Twilio {@code clear}, RTP queue flush). */
  void clear();
}
