/**
 * RTP and RTCP (RFC 3550) on our own small NIO stack: packet parse/encode, RFC 4733 telephone
 * events, receive statistics, sender/receiver reports, the adaptive jitter buffer and the UDP
 * endpoint with symmetric RTP latching.
 *
 * <p>Depends on the JDK and SLF4J only; knows nothing of SIP or of the call core.
 */
package dev.switchboard.sip.rtp;
