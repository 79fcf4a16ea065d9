package dev.switchboard.transcoding;

import java.util.Arrays;

/**
 * A frame of mono linear 16-bit PCM that knows its sample rate.
 *
 * <p>The samples array is owned by the frame once constructed: producers hand it over and do not
 * write to it again; consumers treat it as read-only. This keeps the per-frame hot path free of
 * defensive copies.
 */
public record PcmFrame(short[] samples, int sampleRateHz) {

  public PcmFrame {
    if (samples == null) {
      throw new IllegalArgumentException("samples are required");
    }
    if (sampleRateHz < 1000) {
      throw new IllegalArgumentException("sample rate out of range: " + sampleRateHz);
    }
  }

  /** A frame of digital silence lasting {@code millis} ms. */
  public static PcmFrame silence(int sampleRateHz, int millis) {
    return new PcmFrame(new short[sampleRateHz * millis / 1000], sampleRateHz);
  }

  public int sampleCount() {
    return samples.length;
  }

  /** Duration in microseconds (exact for the telephony rates). */
  public long durationMicros() {
    return samples.length * 1_000_000L / sampleRateHz;
  }

  public AudioFormat format() {
    return AudioFormat.pcm16(sampleRateHz);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PcmFrame f
        && f.sampleRateHz == sampleRateHz
        && Arrays.equals(f.samples, samples);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(samples) + sampleRateHz;
  }

  @Override
  public String toString() {
    return "PcmFrame[" + samples.length + " samples @ " + sampleRateHz + " Hz]";
  }
}
