/**
 * One SIP call's media path, wired between the RTP endpoint and the call core: the uplink (jitter
 * buffer, decoder, RFC 4733 DTMF, comfort noise) and the downlink 20 ms pacer that is the playout
 * clock ({@link dev.switchboard.bridge.transport.PlaybackSink}), RTCP reports and media timeouts;
 * and the {@link dev.switchboard.sip.media.MediaScheduler}, the shared RTP send clock whose threads
 * only send packets prepared ahead, on each call's own phase of the 20 ms grid.
 *
 * <p>Depends on {@code dev.switchboard.sip.rtp}, {@code dev.switchboard.sip.sdp}, the transcoding
 * codecs and the agent-bridge transport SPI and {@code MediaClock}.
 */
package dev.switchboard.sip.media;
