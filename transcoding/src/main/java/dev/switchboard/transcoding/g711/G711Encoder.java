package dev.switchboard.transcoding.g711;

import dev.switchboard.transcoding.AudioEncoder;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;

/** Stateless G.711 encoder (μ-law or A-law) from 8 kHz PCM. */
public final class G711Encoder implements AudioEncoder {

  private final AudioFormat format;
  private final boolean ulaw;

  public G711Encoder(Encoding encoding) {
    if (encoding != Encoding.PCMU && encoding != Encoding.PCMA) {
      throw new IllegalArgumentException("not a G.711 encoding: " + encoding);
    }
    this.ulaw = encoding == Encoding.PCMU;
    this.format = ulaw ? AudioFormat.PCMU_8K : AudioFormat.PCMA_8K;
  }

  @Override
  public AudioFormat outputFormat() {
    return format;
  }

  @Override
  public int inputRateHz() {
    return 8000;
  }

  @Override
  public EncodedFrame encode(PcmFrame frame) {
    if (frame.sampleRateHz() != 8000) {
      throw new IllegalArgumentException("G.711 needs 8000 Hz input, got " + frame.sampleRateHz());
    }
    short[] in = frame.samples();
    byte[] out = new byte[in.length];
    if (ulaw) {
      G711.encodeUlaw(in, 0, out, 0, in.length);
    } else {
      G711.encodeAlaw(in, 0, out, 0, in.length);
    }
    return new EncodedFrame(format, out, in.length);
  }

  @Override
  public String toString() {
    return format.encoding().id() + "-encode";
  }
}
