package dev.switchboard.transcoding.g711;

import dev.switchboard.transcoding.AudioDecoder;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;

/** Stateless G.711 decoder (μ-law or A-law) to 8 kHz PCM. */
public final class G711Decoder implements AudioDecoder {

  private final AudioFormat format;
  private final boolean ulaw;

  public G711Decoder(Encoding encoding) {
    if (encoding != Encoding.PCMU && encoding != Encoding.PCMA) {
      throw new IllegalArgumentException("not a G.711 encoding: " + encoding);
    }
    this.ulaw = encoding == Encoding.PCMU;
    this.format = ulaw ? AudioFormat.PCMU_8K : AudioFormat.PCMA_8K;
  }

  @Override
  public AudioFormat inputFormat() {
    return format;
  }

  @Override
  public int outputRateHz() {
    return 8000;
  }

  @Override
  public PcmFrame decode(EncodedFrame frame) {
    if (!frame.format().equals(format)) {
      throw new IllegalArgumentException("expected " + format + ", got " + frame.format());
    }
    byte[] in = frame.payload();
    short[] out = new short[in.length];
    if (ulaw) {
      G711.decodeUlaw(in, 0, out, 0, in.length);
    } else {
      G711.decodeAlaw(in, 0, out, 0, in.length);
    }
    return new PcmFrame(out, 8000);
  }

  @Override
  public String toString() {
    return format.encoding().id() + "-decode";
  }
}
