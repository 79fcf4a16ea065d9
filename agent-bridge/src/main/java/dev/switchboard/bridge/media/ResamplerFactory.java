package dev.switchboard.bridge.media;

import dev.switchboard.transcoding.Resampler;
import dev.switchboard.transcoding.resample.Resamplers;

/** Creates a streaming {@link Resampler} for one stream, e.g. {@code Resamplers::create}. */
@FunctionalInterface
public interface ResamplerFactory {

  Resampler create(int inputRateHz, int outputRateHz);

  /** Only equal rates, passed through unchanged; any other pair fails naming the rates. */
  static ResamplerFactory identityOnly() {
    return (in, out) -> {
      if (in != out) {
        throw new IllegalArgumentException(
            "no resampler configured for " + in + " Hz -> " + out + " Hz");
      }
      return Resamplers.create(in, out); // the pass-through for equal rates
    };
  }
}
