package dev.switchboard.transcoding.resample;

import dev.switchboard.transcoding.Resampler;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Creates stateful {@link Resampler}s between the rates Switchboard meets: 8 kHz (G.711), 16 kHz
 * (wideband backends), 24 kHz (OpenAI Realtime PCM) and 48 kHz (Opus).
 *
 * <p>Each resampler is a rational L/M polyphase FIR with an equiripple lowpass: ≥ 90 dB image and
 * alias rejection from 0.55 × the lower rate (4.4 kHz for 8 kHz), flat to 0.425 × the lower rate
 * (3.4 kHz), under 3 ms of delay. The filter design is computed once per rate pair and shared; each
 * instance holds only its own history, so create one per stream direction.
 */
public final class Resamplers {

  private static final int[] SUPPORTED_RATES_HZ = {8000, 16000, 24000, 48000};

  private Resamplers() {}

  /**
   * A new resampler for one mono stream.
   *
   * @throws IllegalArgumentException if either rate is not one of 8000, 16000, 24000, 48000 Hz
   */
  public static Resampler create(int inputRateHz, int outputRateHz) {
    requireSupported("input", inputRateHz);
    requireSupported("output", outputRateHz);
    if (inputRateHz == outputRateHz) {
      return new PassThroughResampler(inputRateHz);
    }
    return new PolyphaseResampler(PolyphaseDesign.forRates(inputRateHz, outputRateHz));
  }

  private static void requireSupported(String which, int rateHz) {
    if (Arrays.stream(SUPPORTED_RATES_HZ).noneMatch(r -> r == rateHz)) {
      throw new IllegalArgumentException(
          "unsupported "
              + which
              + " rate "
              + rateHz
              + " Hz: supported "
              + Arrays.stream(SUPPORTED_RATES_HZ)
                  .mapToObj(Integer::toString)
                  .collect(Collectors.joining(", "))
              + " Hz");
    }
  }
}
