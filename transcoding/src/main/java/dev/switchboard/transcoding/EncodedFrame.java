package dev.switchboard.transcoding;

import java.util.Arrays;

/**
 * A frame of encoded audio (μ-law, A-law, Opus packet, or PCM16 bytes) with its format and the
 * number of samples per channel it represents at {@link AudioFormat#sampleRateHz()}.
 *
 * <p>The payload array is owned by the frame once constructed (see {@link PcmFrame}).
 */
public record EncodedFrame(AudioFormat format, byte[] payload, int samples) {

  public EncodedFrame {
    if (format == null || payload == null) {
      throw new IllegalArgumentException("format and payload are required");
    }
    if (samples < 0) {
      throw new IllegalArgumentException("negative sample count: " + samples);
    }
  }

  /** A frame of a constant-bit-rate encoding (G.711, PCM16) whose sample count follows. */
  public static EncodedFrame of(AudioFormat format, byte[] payload) {
    int bytesPerSample = format.encoding().bytesPerSample() * format.channels();
    if (bytesPerSample == 0) {
      throw new IllegalArgumentException(format + " needs an explicit sample count");
    }
    if (payload.length % bytesPerSample != 0) {
      throw new IllegalArgumentException(
          payload.length + " bytes is not a whole number of " + format + " samples");
    }
    return new EncodedFrame(format, payload, payload.length / bytesPerSample);
  }

  public long durationMicros() {
    return samples * 1_000_000L / format.sampleRateHz();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncodedFrame f
        && f.format.equals(format)
        && f.samples == samples
        && Arrays.equals(f.payload, payload);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(payload) + format.hashCode();
  }

  @Override
  public String toString() {
    return "EncodedFrame[" + format + ", " + payload.length + " bytes, " + samples + " samples]";
  }
}
