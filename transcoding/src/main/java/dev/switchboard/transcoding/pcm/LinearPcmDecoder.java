package dev.switchboard.transcoding.pcm;

import dev.switchboard.transcoding.AudioDecoder;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;

/** Stateless mono {@code pcm16} or {@code f32} little-endian bytes to {@code PcmFrame}. */
public final class LinearPcmDecoder implements AudioDecoder {

  private final AudioFormat format;

  public LinearPcmDecoder(AudioFormat format) {
    if ((format.encoding() != Encoding.PCM16 && format.encoding() != Encoding.F32)
        || format.channels() != 1) {
      throw new IllegalArgumentException("not a mono linear PCM format: " + format);
    }
    this.format = format;
  }

  @Override
  public AudioFormat inputFormat() {
    return format;
  }

  @Override
  public int outputRateHz() {
    return format.sampleRateHz();
  }

  @Override
  public PcmFrame decode(EncodedFrame frame) {
    if (!frame.format().equals(format)) {
      throw new IllegalArgumentException(this + " expected " + format + ", got " + frame.format());
    }
    byte[] in = frame.payload();
    int bytesPerSample = format.encoding().bytesPerSample();
    if (in.length % bytesPerSample != 0) {
      throw new IllegalArgumentException(
          in.length + " bytes is not a whole number of " + format + " samples");
    }
    short[] out = new short[in.length / bytesPerSample];
    if (format.encoding() == Encoding.PCM16) {
      LinearPcm.decodeS16le(in, 0, out, 0, out.length);
    } else {
      LinearPcm.decodeF32le(in, 0, out, 0, out.length);
    }
    return new PcmFrame(out, format.sampleRateHz());
  }

  @Override
  public String toString() {
    return format.encoding().id() + "-decode " + format.sampleRateHz() + " Hz";
  }
}
