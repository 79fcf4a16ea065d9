package dev.switchboard.sip.media;

import dev.switchboard.sip.rtp.ReceiveStatistics;
import dev.switchboard.sip.rtp.ReportBlock;
import dev.switchboard.sip.rtp.RtcpPacket;
import dev.switchboard.sip.rtp.RtpPacket;
import dev.switchboard.sip.rtp.RtpStats;
import java.util.List;

/**
 * RTCP for one call (RFC 3550 §6): receive statistics of the peer's stream, our SR (or RR while we
 * send nothing), and the peer's reports turned into loss, jitter and round-trip time in {@link
 * RtpStats}.
 *
 * <p>Thread-safe: packets arrive on the receive threads, reports are built on the media clock.
 */
final class RtcpSession {

  /** Seconds between 1900 (NTP epoch) and 1970 (Unix epoch). */
  private static final long NTP_UNIX_OFFSET_SECONDS = 2_208_988_800L;

  private final long ssrc;
  private final String cname;
  private final RtpStats stats;
  private volatile ReceiveStatistics received;
  private volatile long peerSsrc = -1;
  private long lastSrMiddle32;
  private long lastSrArrivalNanos;

  RtcpSession(long ssrc, String cname, int clockRateHz, RtpStats stats) {
    this.ssrc = ssrc;
    this.cname = cname;
    this.stats = stats;
    this.received = new ReceiveStatistics(clockRateHz);
  }

  void clockRate(int clockRateHz) {
    received = new ReceiveStatistics(clockRateHz);
  }

  void onRtp(RtpPacket p, long arrivalNanos) {
    if (p.ssrc() != peerSsrc) {
      peerSsrc = p.ssrc();
    }
    received.onPacket(p, arrivalNanos);
  }

  double jitterMillis() {
    return received.jitterMillis();
  }

  synchronized void onRtcp(byte[] data, int length, long arrivalNanos) {
    for (RtcpPacket packet : RtcpPacket.parse(data, length)) {
      List<ReportBlock> blocks =
          switch (packet) {
            case RtcpPacket.SenderReport sr -> {
              lastSrMiddle32 = (sr.ntpTimestamp() >>> 16) & 0xFFFF_FFFFL;
              lastSrArrivalNanos = arrivalNanos;
              yield sr.reports();
            }
            case RtcpPacket.ReceiverReport rr -> rr.reports();
          };
      for (ReportBlock b : blocks) {
        if (b.ssrc() != ssrc) {
          continue;
        }
        stats.remoteFractionLost.set(b.fractionLost());
        stats.remoteCumulativeLost.set(b.cumulativeLost());
        if (b.lastSr() != 0) {
          // RFC 3550 §6.4.1: RTT = A - LSR - DLSR, all in 1/65536 s.
          long a = middle32(ntpNow());
          long rtt = (a - b.lastSr() - b.delaySinceLastSr()) & 0xFFFF_FFFFL;
          if (rtt < 65536L * 10) {
            stats.roundTripMicros.set(rtt * 1_000_000L / 65536L);
          }
        }
      }
    }
  }

  /** Our next compound report: SR if we have sent media, RR otherwise. */
  synchronized byte[] report(long rtpTimestamp, long nowNanos) {
    List<ReportBlock> blocks = List.of();
    if (peerSsrc >= 0) {
      long dlsr =
          lastSrArrivalNanos == 0 ? 0 : (nowNanos - lastSrArrivalNanos) * 65536L / 1_000_000_000L;
      ReportBlock block = received.report(peerSsrc, lastSrMiddle32, dlsr);
      stats.localCumulativeLost.set(block.cumulativeLost());
      stats.localJitterMicros.set((long) (received.jitterMillis() * 1000));
      blocks = List.of(block);
    }
    long sent = stats.packetsSent.sum();
    RtcpPacket report =
        sent > 0
            ? new RtcpPacket.SenderReport(
                ssrc, ntpNow(), rtpTimestamp, sent, stats.octetsSent.sum(), blocks)
            : new RtcpPacket.ReceiverReport(ssrc, blocks);
    return RtcpPacket.encodeCompound(report, cname);
  }

  private static long ntpNow() {
    long millis = System.currentTimeMillis();
    long seconds = millis / 1000 + NTP_UNIX_OFFSET_SECONDS;
    long fraction = ((millis % 1000) << 32) / 1000;
    return (seconds << 32) | fraction;
  }

  private static long middle32(long ntp) {
    return (ntp >>> 16) & 0xFFFF_FFFFL;
  }
}
