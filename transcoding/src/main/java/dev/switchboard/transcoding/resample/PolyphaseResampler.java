package dev.switchboard.transcoding.resample;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;

/**
 * A {@link Resampler} over the float {@link PolyphaseFilter}: 16-bit samples in, float filtering,
 * outputs rounded to nearest and saturated to 16 bits. Filter history lives here; the coefficient
 * tables are shared by every instance of the same rate pair. One stream, one thread at a time.
 */
final class PolyphaseResampler implements Resampler {

  private final PolyphaseFilter filter;
  private float[] rendered = new float[0];

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
    int count = filter.pending();
    if (rendered.length < count) {
      rendered = new float[count];
    }
    filter.render(rendered);
    short[] out = new short[count];
    for (int i = 0; i < count; i++) {
      // Math.round is floor(x + 0.5) and clamps to the int range; then clamp to 16 bits.
      out[i] =
          (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, Math.round(rendered[i])));
    }
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
