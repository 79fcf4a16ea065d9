package dev.switchboard.transcoding.resample;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;

/**
 * The same-rate "resampler": validates the rate and copies the samples (a {@link PcmFrame} owns its
 * array, so the output must not share the input's). No delay, no state.
 */
final class PassThroughResampler implements Resampler {

  private final int rateHz;

  PassThroughResampler(int rateHz) {
    this.rateHz = rateHz;
  }

  @Override
  public int inputRateHz() {
    return rateHz;
  }

  @Override
  public int outputRateHz() {
    return rateHz;
  }

  @Override
  public PcmFrame process(PcmFrame in) {
    if (in.sampleRateHz() != rateHz) {
      throw new IllegalArgumentException(
          this + " got a frame at " + in.sampleRateHz() + " Hz, expected " + rateHz);
    }
    return new PcmFrame(in.samples().clone(), rateHz);
  }

  @Override
  public void reset() {}

  @Override
  public double delayMillis() {
    return 0;
  }

  @Override
  public String toString() {
    return "resample " + rateHz + "->" + rateHz + " (pass-through)";
  }
}
