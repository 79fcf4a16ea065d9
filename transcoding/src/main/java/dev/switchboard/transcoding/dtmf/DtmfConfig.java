package dev.switchboard.transcoding.dtmf;

/**
 * Acceptance limits of a {@link DtmfDetector}. The defaults follow ITU-T Q.24 (the figures its
 * table of national values shares across most administrations): operate on frequency deviation up
 * to 1.5 % and never at 3.5 % or more (the detector's boundary is 2.5 %, fixed by its probe
 * frequencies); operate on forward twist (high group louder) up to 8 dB and reverse twist up to 4
 * dB; operate on tones of 40 ms and not below 20 ms (so the threshold sits between); pauses of 40
 * ms separate digits.
 *
 * @param minToneLevelDbm0 weakest tone (each of the pair) accepted; Q.24 asks for operation down to
 *     about −25 dBm0 per tone, the default leaves 5 dB of margin
 * @param maxForwardTwistDb high-group minus low-group level accepted: Q.24's 8 dB plus 0.5 dB for
 *     the level estimate's error (about 0.2 dB)
 * @param maxReverseTwistDb low-group minus high-group level accepted: Q.24's 4 dB plus 0.5 dB
 * @param minToneMillis shortest tone reported, measured from block energies
 */
public record DtmfConfig(
    double minToneLevelDbm0,
    double maxForwardTwistDb,
    double maxReverseTwistDb,
    double minToneMillis) {

  public DtmfConfig {
    if (!(minToneLevelDbm0 < 0 && minToneLevelDbm0 > -60)) {
      throw new IllegalArgumentException(
          "minToneLevelDbm0 must be in (-60, 0) dBm0: " + minToneLevelDbm0);
    }
    if (!(maxForwardTwistDb >= 0 && maxReverseTwistDb >= 0)) {
      throw new IllegalArgumentException(
          "twist limits must be >= 0 dB: " + maxForwardTwistDb + ", " + maxReverseTwistDb);
    }
    if (!(minToneMillis >= 20 && minToneMillis <= 100)) {
      throw new IllegalArgumentException("minToneMillis must be 20–100 ms: " + minToneMillis);
    }
  }

  public static DtmfConfig defaults() {
    return new DtmfConfig(-30, 8.5, 4.5, 30);
  }
}
