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

  /**
   * Most agent audio between two marks inside one run of frames (a run ends with its content part
   * or when nothing more is queued, and is always marked). Carriers that echo marks pay a message
   * each way per mark, so they may ask for fewer than one per 20 ms frame (Twilio Media Streams
   * allows a mark anywhere in the outbound stream); sinks that report marks themselves keep the
   * default.
   */
  default int markIntervalMillis() {
    return 20;
  }

  /** Drops all queued, unplayed audio at once (Twilio {@code clear}, RTP queue flush). */
  void clear();
}
