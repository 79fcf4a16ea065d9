package dev.switchboard.bridge.transport;

import dev.switchboard.transcoding.PcmFrame;

/**
 * What a transport reports about its call, from its own threads. Implementations hand off to the
 * call's control queue and return at once; they never block and never throw.
 */
public interface TransportListener {

  /** Caller audio, already decoded, at the transport's uplink rate, in arrival order. */
  void onAudio(PcmFrame frame);

  /** A DTMF digit the caller pressed (RFC 4733, SIP INFO, Twilio dtmf, or in-band). */
  void onDtmf(char digit);

  /** A mark written to the {@link PlaybackSink} has been played (or echoed by the carrier). */
  void onMarkPlayed(String name);

  /**
   * The call's media ended.
   *
   * @param byCaller the caller hung up (as opposed to our own hang-up or transfer)
   */
  void onClosed(String reason, boolean byCaller);
}
