package dev.switchboard.sip.rtp;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one call's media path: every drop has its own counter (nothing is dropped silently),
 * and the RTCP-derived quality figures (RFC 3550 §6.4) are exported here per call.
 *
 * <p>Thread-safe: written by the receive and pacer threads, read by anyone.
 */
public final class RtpStats {

  public final LongAdder packetsReceived = new LongAdder();
  public final LongAdder packetsSent = new LongAdder();
  public final LongAdder octetsSent = new LongAdder();
  public final LongAdder droppedShort = new LongAdder();
  public final LongAdder droppedBadVersion = new LongAdder();
  public final LongAdder droppedBadLength = new LongAdder();
  public final LongAdder droppedUnknownPayloadType = new LongAdder();
  public final LongAdder droppedForeignSource = new LongAdder();
  public final LongAdder droppedLate = new LongAdder();
  public final LongAdder droppedDuplicate = new LongAdder();
  public final LongAdder droppedOverflow = new LongAdder();
  public final LongAdder decodeErrors = new LongAdder();
  public final LongAdder concealedFrames = new LongAdder();
  public final LongAdder fecRecoveredFrames = new LongAdder();
  public final LongAdder comfortNoisePackets = new LongAdder();
  public final LongAdder dtmfEvents = new LongAdder();
  public final LongAdder rtcpReceived = new LongAdder();
  public final LongAdder rtcpSent = new LongAdder();
  public final LongAdder sendErrors = new LongAdder();

  /** Sends that ran a whole period or more late (caught up right after the one before). */
  public final LongAdder pacerLateTicks = new LongAdder();

  /** 20 ms slots given up because the send thread was too far behind (the grid keeps its phase). */
  public final LongAdder pacerSkippedTicks = new LongAdder();

  /** Deadlines at which the packet was not prepared yet (built on the send thread instead). */
  public final LongAdder pacerUnprepared = new LongAdder();

  /** Lateness of each pacer tick (= RTP send) against its 20 ms grid. */
  public final LatenessHistogram pacerLateness = new LatenessHistogram();

  /** Peer's view of our stream, from its last report block (RFC 3550 §6.4.1), in 1/256. */
  public final AtomicLong remoteFractionLost = new AtomicLong();

  public final AtomicLong remoteCumulativeLost = new AtomicLong();
  public final AtomicLong remoteJitterMicros = new AtomicLong();

  /** Round-trip time from LSR/DLSR (RFC 3550 §6.4.1), -1 until known. */
  public final AtomicLong roundTripMicros = new AtomicLong(-1);

  /** Our view of the peer's stream (RFC 3550 A.3/A.8), refreshed at each report. */
  public final AtomicLong localCumulativeLost = new AtomicLong();

  public final AtomicLong localJitterMicros = new AtomicLong();

  /** All packets dropped on receive, whatever the reason. */
  public long droppedTotal() {
    return droppedShort.sum()
        + droppedBadVersion.sum()
        + droppedBadLength.sum()
        + droppedUnknownPayloadType.sum()
        + droppedForeignSource.sum()
        + droppedLate.sum()
        + droppedDuplicate.sum()
        + droppedOverflow.sum();
  }

  @Override
  public String toString() {
    return "rx="
        + packetsReceived.sum()
        + " tx="
        + packetsSent.sum()
        + " drop[short="
        + droppedShort.sum()
        + " version="
        + droppedBadVersion.sum()
        + " length="
        + droppedBadLength.sum()
        + " pt="
        + droppedUnknownPayloadType.sum()
        + " foreign="
        + droppedForeignSource.sum()
        + " late="
        + droppedLate.sum()
        + " dup="
        + droppedDuplicate.sum()
        + " overflow="
        + droppedOverflow.sum()
        + "] concealed="
        + concealedFrames.sum()
        + " fec="
        + fecRecoveredFrames.sum()
        + " cn="
        + comfortNoisePackets.sum()
        + " dtmf="
        + dtmfEvents.sum()
        + " lost="
        + localCumulativeLost.get()
        + " jitterUs="
        + localJitterMicros.get()
        + " rttUs="
        + roundTripMicros.get()
        + " pacerLate="
        + pacerLateTicks.sum()
        + " pacerSkipped="
        + pacerSkippedTicks.sum()
        + " pacerUnprepared="
        + pacerUnprepared.sum();
  }
}
