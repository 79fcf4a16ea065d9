package dev.switchboard.sip.sdp;

import java.net.InetSocketAddress;

/**
 * What an offer/answer exchange settled for the audio stream (RFC 3264).
 *
 * @param codec the one audio codec both sides use
 * @param payloadType its RTP payload type (the offerer's number)
 * @param telephoneEventPayloadType RFC 4733 type at the codec's clock rate, or -1
 * @param ptimeMillis packet duration we send (RFC 4566 {@code a=ptime}; 20 ms by default)
 * @param remoteRtp where the peer wants RTP, or {@code null} when it is on hold with no address
 * @param remoteRtcp where the peer wants RTCP (same as {@code remoteRtp} with rtcp-mux)
 * @param rtcpMux RTP and RTCP share one port (RFC 5761)
 * @param direction our direction: whether we send and whether we expect media
 * @param opusInbandFec the peer asked for Opus in-band FEC ({@code useinbandfec=1}, RFC 7587 §6.1)
 */
public record NegotiatedMedia(
    AudioCodec codec,
    int payloadType,
    int telephoneEventPayloadType,
    int ptimeMillis,
    InetSocketAddress remoteRtp,
    InetSocketAddress remoteRtcp,
    boolean rtcpMux,
    Direction direction,
    boolean opusInbandFec) {

  public boolean hasTelephoneEvent() {
    return telephoneEventPayloadType >= 0;
  }
}
