/**
 * SIP transport: JAIN-SIP user agent (UAS for inbound calls, UAC for transfers and outbound bridge
 * legs), SDP offer/answer, and our own RTP/RTCP stack with jitter buffer, 20 ms pacer and RFC 4733
 * DTMF.
 *
 * <p>Depends on the agent-bridge and transcoding modules; never on another transport.
 */
package dev.switchboard.sip;
