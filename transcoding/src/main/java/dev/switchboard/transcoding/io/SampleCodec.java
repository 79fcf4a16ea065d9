package dev.switchboard.transcoding.io;

import dev.switchboard.transcoding.Encoding;
import dev.switchboard.transcoding.g711.G711;
import dev.switchboard.transcoding.pcm.LinearPcm;

/** Interleaved sample bytes of the per-sample encodings to and from 16-bit samples. */
final class SampleCodec {

  private SampleCodec() {}

  static boolean isSampleEncoding(Encoding encoding) {
    return encoding != Encoding.OPUS;
  }

  static void decode(Encoding encoding, byte[] in, short[] out, int samples) {
    switch (encoding) {
      case PCM16 -> LinearPcm.decodeS16le(in, 0, out, 0, samples);
      case F32 -> LinearPcm.decodeF32le(in, 0, out, 0, samples);
      case PCMU -> G711.decodeUlaw(in, 0, out, 0, samples);
      case PCMA -> G711.decodeAlaw(in, 0, out, 0, samples);
      case OPUS -> throw new IllegalArgumentException("opus is not a per-sample encoding");
    }
  }

  static void encode(Encoding encoding, short[] in, byte[] out, int samples) {
    switch (encoding) {
      case PCM16 -> LinearPcm.encodeS16le(in, 0, out, 0, samples);
      case F32 -> LinearPcm.encodeF32le(in, 0, out, 0, samples);
      case PCMU -> G711.encodeUlaw(in, 0, out, 0, samples);
      case PCMA -> G711.encodeAlaw(in, 0, out, 0, samples);
      case OPUS -> throw new IllegalArgumentException("opus is not a per-sample encoding");
    }
  }
}
