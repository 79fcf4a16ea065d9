package dev.switchboard.bridge.media;

import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.Resampler;

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
      return new Resampler() {
        @Override
        public int inputRateHz() {
          return in;
        }

        @Override
        public int outputRateHz() {
          return out;
        }

        @Override
        public PcmFrame process(PcmFrame frame) {
          return frame;
        }

        @Override
        public void reset() {}

        @Override
        public double delayMillis() {
          return 0;
        }

        @Override
        public String toString() {
          return "identity(" + in + " Hz)";
        }
      };
    };
  }
}
