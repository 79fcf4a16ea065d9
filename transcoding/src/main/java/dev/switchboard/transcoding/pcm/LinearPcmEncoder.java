package dev.switchboard.transcoding.pcm;

import dev.switchboard.transcoding.AudioEncoder;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;

/** Stateless {@code PcmFrame} to mono {@code pcm16} or {@code f32} little-endian bytes. */
public final class LinearPcmEncoder implements AudioEncoder {

  private final AudioFormat format;

  public LinearPcmEncoder(AudioFormat format) {
    if ((format.encoding() != Encoding.PCM16 && format.encoding() != Encoding.F32)
        || format.channels() != 1) {
      throw new IllegalArgumentException("not a mono linear PCM format: " + format);
    }
    this.format = format;
  }

  @Override
  public AudioFormat outputFormat() {
    return format;
  }

  @Override
  public int inputRateHz() {
    return format.sampleRateHz();
  }

  @Override
  public EncodedFrame encode(PcmFrame frame) {
    if (frame.sampleRateHz() != format.sampleRateHz()) {
      throw new IllegalArgumentException(
          this + " needs " + format.sampleRateHz() + " Hz input, got " + frame.sampleRateHz());
    }
    short[] in = frame.samples();
    byte[] out = new byte[in.length * format.encoding().bytesPerSample()];
    if (format.encoding() == Encoding.PCM16) {
      LinearPcm.encodeS16le(in, 0, out, 0, in.length);
    } else {
      LinearPcm.encodeF32le(in, 0, out, 0, in.length);
    }
    return new EncodedFrame(format, out, in.length);
  }

  @Override
  public String toString() {
    return format.encoding().id() + "-encode " + format.sampleRateHz() + " Hz";
  }
}
