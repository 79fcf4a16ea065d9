package dev.switchboard.sip.rtp;

/**
 * Per-source receive statistics of RFC 3550 Appendix A: extended highest sequence (A.1), expected
 * and lost packets and the fraction lost since the last report (A.3), and the interarrival jitter
 * estimate (A.8).
 *
 * <p>Confined to the RTP receive thread, except {@link #report} which callers synchronise.
 */
public final class ReceiveStatistics {

  private final int clockRateHz;
  private boolean started;
  private int baseSequence;
  private int maxSequence;
  private long cycles;
  private long received;
  private long expectedPrior;
  private long receivedPrior;
  private double jitterUnits;
  private long lastTransit;
  private boolean haveTransit;

  public ReceiveStatistics(int clockRateHz) {
    this.clockRateHz = clockRateHz;
  }

  /** Records one packet that arrived at {@code arrivalNanos} (monotonic). */
  public synchronized void onPacket(RtpPacket p, long arrivalNanos) {
    int seq = p.sequence();
    if (!started) {
      started = true;
      baseSequence = seq;
      maxSequence = seq;
    } else {
      int delta = (seq - maxSequence) & 0xFFFF;
      if (delta > 0 && delta < 0x8000) {
        if (seq < maxSequence) {
          cycles += 0x10000; // wrapped (RFC 3550 A.1)
        }
        maxSequence = seq;
      }
    }
    received++;
    // A.8: transit = arrival (in timestamp units) - RTP timestamp; J += (|D| - J) / 16.
    long arrivalUnits = Math.floorDiv(arrivalNanos, 1_000_000_000L / clockRateHz);
    long transit = arrivalUnits - p.timestamp();
    if (haveTransit) {
      long d = Math.abs(transit - lastTransit);
      if (d < clockRateHz) { // ignore steps caused by a new talkspurt or timestamp jump
        jitterUnits += (d - jitterUnits) / 16.0;
      }
    }
    lastTransit = transit;
    haveTransit = true;
  }

  public synchronized long extendedHighestSequence() {
    return cycles + maxSequence;
  }

  public synchronized long received() {
    return received;
  }

  /** Cumulative packets lost (expected - received, RFC 3550 A.3); may be negative with dups. */
  public synchronized long cumulativeLost() {
    return started ? expected() - received : 0;
  }

  public synchronized double jitterMillis() {
    return jitterUnits * 1000.0 / clockRateHz;
  }

  private long expected() {
    return cycles + maxSequence - baseSequence + 1;
  }

  /** A report block's loss figures, advancing the "since last report" interval (RFC 3550 A.3). */
  public synchronized ReportBlock report(long ssrc, long lastSrMiddle32, long delaySinceSr65536) {
    long expected = started ? expected() : 0;
    long expectedInterval = expected - expectedPrior;
    long receivedInterval = received - receivedPrior;
    expectedPrior = expected;
    receivedPrior = received;
    long lostInterval = expectedInterval - receivedInterval;
    int fraction =
        expectedInterval == 0 || lostInterval <= 0
            ? 0
            : (int) ((lostInterval << 8) / expectedInterval);
    return new ReportBlock(
        ssrc,
        Math.min(fraction, 255),
        cumulativeLost(),
        extendedHighestSequence(),
        (long) jitterUnits,
        lastSrMiddle32,
        delaySinceSr65536);
  }
}
