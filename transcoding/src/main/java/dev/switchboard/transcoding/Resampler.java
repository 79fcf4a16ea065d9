package dev.switchboard.transcoding;

/**
 * A streaming sample-rate converter for one mono stream.
 *
 * <p>Stateful: filter history is carried from one call to the next, so feeding a signal in frames
 * of any size gives the same output, sample for sample, as feeding it at once. For the 20 ms
 * telephony frame the output has exactly {@code in * out / in} samples (160 ↔ 480 for 8 ↔ 24 kHz).
 * One instance per stream and one thread at a time; {@link #reset()} before reusing it for a new
 * stream.
 */
public interface Resampler {

  int inputRateHz();

  int outputRateHz();

  /** Converts the next frame of the stream; the frame's rate must be {@link #inputRateHz()}. */
  PcmFrame process(PcmFrame in);

  /** Forgets all history, as if newly created. */
  void reset();

  /** Delay the filter adds, in milliseconds (group delay at the output rate). */
  double delayMillis();
}
