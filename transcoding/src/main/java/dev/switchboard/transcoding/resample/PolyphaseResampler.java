package dev.switchboard.transcoding.resample;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;

/**
 * A {@link Resampler} over the float {@link PolyphaseFilter}: 16-bit samples in, float filtering,
 * outputs rounded to nearest (ties to even) and saturated to 16 bits in the same pass that
 * interleaves them. Filter history lives here; the coefficient tables are shared by every instance
 * of the same rate pair. One stream, one thread at a time.
 */
final class PolyphaseResampler implements Resampler {

  private final PolyphaseFilter filter;

  PolyphaseResampler(PolyphaseDesign design) {
    this.filter = new PolyphaseFilter(design);
  }

  @Override
  public int inputRateHz() {
    return filter.design().inputRateHz;
  }

  @Override
  public int outputRateHz() {
    return filter.design().outputRateHz;
  }

  @Override
  public PcmFrame process(PcmFrame in) {
    if (in.sampleRateHz() != inputRateHz()) {
      throw new IllegalArgumentException(
          this + " got a frame at " + in.sampleRateHz() + " Hz, expected " + inputRateHz());
    }
    short[] samples = in.samples();
    filter.push(samples, 0, samples.length);
    short[] out = new short[filter.pending()];
    filter.render(out);
    return new PcmFrame(out, outputRateHz());
  }

  @Override
  public void reset() {
    filter.reset();
  }

  @Override
  public double delayMillis() {
    return filter.design().delayMillis();
  }

  @Override
  public String toString() {
    return "resample " + inputRateHz() + "->" + outputRateHz() + " (" + filter.design() + ")";
  }
}
