package dev.switchboard.transcoding.opus;

/**
 * Settings of one Opus encoder.
 *
 * <p>Defaults ({@link #voip(int)}) suit a phone call carried over RTP: VOIP application, 20 ms
 * frames (the RTP packetisation every SIP peer and WebRTC stack expects, RFC 7587 §4.2), 32 kbit/s
 * (wideband speech is transparent well below this), complexity 5 (about half the CPU of libopus'
 * default 10 for a barely audible loss on speech, which matters with hundreds of calls per host),
 * in-band FEC on with 5 % expected loss (as WebRTC negotiates {@code useinbandfec=1}) and DTX off
 * (DTX would stop packets in silence and confuse peers' jitter buffers and our recordings' clock).
 *
 * @param sampleRateHz PCM rate at the encoder input: 8000, 12000, 16000, 24000 or 48000 (RFC 6716
 *     §2)
 * @param frameMillis packet duration: 10, 20, 40 or 60 ms
 * @param bitrateBps target bit rate, 6000 to 510000 bit/s (RFC 6716 §2.1.1)
 * @param complexity 0 (cheapest) to 10 (best)
 * @param inbandFec whether to add low-bit-rate redundancy of the previous frame (RFC 6716 §2.1.7);
 *     only SILK and hybrid modes carry it
 * @param expectedPacketLossPercent 0 to 100; tunes how much FEC the encoder spends
 * @param dtx discontinuous transmission (RFC 6716 §2.1.9)
 */
public record OpusConfig(
    int sampleRateHz,
    int frameMillis,
    int bitrateBps,
    int complexity,
    boolean inbandFec,
    int expectedPacketLossPercent,
    boolean dtx) {

  public OpusConfig {
    if (!isOpusRate(sampleRateHz)) {
      throw new IllegalArgumentException(
          "Opus does not run at "
              + sampleRateHz
              + " Hz: use 8000, 12000, 16000, 24000 or 48000 Hz (RFC 6716 §2)");
    }
    if (frameMillis != 10 && frameMillis != 20 && frameMillis != 40 && frameMillis != 60) {
      throw new IllegalArgumentException(
          "unsupported Opus frame duration " + frameMillis + " ms: use 10, 20, 40 or 60 ms");
    }
    if (bitrateBps < 6000 || bitrateBps > 510_000) {
      throw new IllegalArgumentException(
          "Opus bit rate out of range: " + bitrateBps + " bit/s (6000 to 510000)");
    }
    if (complexity < 0 || complexity > 10) {
      throw new IllegalArgumentException("Opus complexity out of range: " + complexity + " (0-10)");
    }
    if (expectedPacketLossPercent < 0 || expectedPacketLossPercent > 100) {
      throw new IllegalArgumentException(
          "expected packet loss out of range: " + expectedPacketLossPercent + " % (0-100)");
    }
  }

  /** The call defaults described above, at the given PCM rate. */
  public static OpusConfig voip(int sampleRateHz) {
    return new OpusConfig(sampleRateHz, 20, 32_000, 5, true, 5, false);
  }

  /** Whether Opus can encode or decode at this PCM rate. */
  public static boolean isOpusRate(int sampleRateHz) {
    return switch (sampleRateHz) {
      case 8000, 12000, 16000, 24000, 48000 -> true;
      default -> false;
    };
  }

  /** Samples per frame at {@link #sampleRateHz()}. */
  public int frameSamples() {
    return sampleRateHz / 1000 * frameMillis;
  }

  public OpusConfig withFrameMillis(int millis) {
    return new OpusConfig(
        sampleRateHz, millis, bitrateBps, complexity, inbandFec, expectedPacketLossPercent, dtx);
  }

  public OpusConfig withBitrateBps(int bps) {
    return new OpusConfig(
        sampleRateHz, frameMillis, bps, complexity, inbandFec, expectedPacketLossPercent, dtx);
  }

  public OpusConfig withComplexity(int value) {
    return new OpusConfig(
        sampleRateHz, frameMillis, bitrateBps, value, inbandFec, expectedPacketLossPercent, dtx);
  }

  /** In-band FEC on or off, and the loss rate the encoder should protect against. */
  public OpusConfig withInbandFec(boolean enabled, int lossPercent) {
    return new OpusConfig(
        sampleRateHz, frameMillis, bitrateBps, complexity, enabled, lossPercent, dtx);
  }

  public OpusConfig withDtx(boolean enabled) {
    return new OpusConfig(
        sampleRateHz,
        frameMillis,
        bitrateBps,
        complexity,
        inbandFec,
        expectedPacketLossPercent,
        enabled);
  }
}
