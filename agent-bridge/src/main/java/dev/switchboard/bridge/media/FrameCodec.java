package dev.switchboard.bridge.media;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.g711.G711;

/**
 * The stateless codecs a realtime backend speaks: PCM16 little-endian (OpenAI {@code audio/pcm}),
 * G.711 μ-law and A-law (ITU-T G.711). Stateless, thread-safe.
 */
public final class FrameCodec {

  private FrameCodec() {}

  public static boolean supports(AudioFormat format) {
    return format.channels() == 1
        && (format.encoding() == Encoding.PCM16
            || format.encoding() == Encoding.PCMU
            || format.encoding() == Encoding.PCMA);
  }

  public static PcmFrame decode(EncodedFrame frame) {
    byte[] p = frame.payload();
    AudioFormat f = frame.format();
    short[] out;
    switch (f.encoding()) {
      case PCM16 -> {
        if (p.length % 2 != 0) {
          throw new IllegalArgumentException("odd PCM16 payload of " + p.length + " bytes");
        }
        out = new short[p.length / 2];
        for (int i = 0; i < out.length; i++) {
          out[i] = (short) ((p[2 * i] & 0xff) | (p[2 * i + 1] << 8));
        }
      }
      case PCMU -> {
        out = new short[p.length];
        G711.decodeUlaw(p, 0, out, 0, p.length);
      }
      case PCMA -> {
        out = new short[p.length];
        G711.decodeAlaw(p, 0, out, 0, p.length);
      }
      default -> throw new IllegalArgumentException("cannot decode " + f + " here");
    }
    return new PcmFrame(out, f.sampleRateHz());
  }

  public static EncodedFrame encode(PcmFrame frame, AudioFormat format) {
    if (frame.sampleRateHz() != format.sampleRateHz()) {
      throw new IllegalArgumentException(
          "frame at " + frame.sampleRateHz() + " Hz cannot be encoded as " + format);
    }
    short[] s = frame.samples();
    byte[] out;
    switch (format.encoding()) {
      case PCM16 -> {
        out = new byte[s.length * 2];
        for (int i = 0; i < s.length; i++) {
          out[2 * i] = (byte) s[i];
          out[2 * i + 1] = (byte) (s[i] >> 8);
        }
      }
      case PCMU -> {
        out = new byte[s.length];
        G711.encodeUlaw(s, 0, out, 0, s.length);
      }
      case PCMA -> {
        out = new byte[s.length];
        G711.encodeAlaw(s, 0, out, 0, s.length);
      }
      default -> throw new IllegalArgumentException("cannot encode " + format + " here");
    }
    return new EncodedFrame(format, out, s.length);
  }
}
