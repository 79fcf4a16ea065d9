package dev.switchboard.sip.rtp;

/**
 * An RTCP reception report block (RFC 3550 §6.4.1).
 *
 * @param fractionLost 8-bit fixed point fraction lost since the previous report
 * @param lastSr middle 32 bits of the NTP timestamp of the last SR received (LSR)
 * @param delaySinceLastSr DLSR in units of 1/65536 s
 */
public record ReportBlock(
    long ssrc,
    int fractionLost,
    long cumulativeLost,
    long extendedHighestSequence,
    long jitter,
    long lastSr,
    long delaySinceLastSr) {}
