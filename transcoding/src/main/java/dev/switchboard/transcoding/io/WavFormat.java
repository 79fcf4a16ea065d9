package dev.switchboard.transcoding.io;

import dev.switchboard.transcoding.Encoding;

/**
 * WAVE format tags (Microsoft RIFF spec, mmreg.h) and the sub-format GUID suffix of
 * WAVE_FORMAT_EXTENSIBLE (ksmedia.h {@code KSDATAFORMAT_SUBTYPE_*}).
 */
final class WavFormat {

  static final int PCM = 0x0001;
  static final int IEEE_FLOAT = 0x0003;
  static final int ALAW = 0x0006;
  static final int MULAW = 0x0007;
  static final int EXTENSIBLE = 0xFFFE;

  /** Bytes 2..15 of every KSDATAFORMAT_SUBTYPE GUID; bytes 0..1 carry the format tag. */
  static final byte[] GUID_SUFFIX = {
    0x00,
    0x00,
    0x00,
    0x00,
    0x10,
    0x00,
    (byte) 0x80,
    0x00,
    0x00,
    (byte) 0xAA,
    0x00,
    0x38,
    (byte) 0x9B,
    0x71
  };

  static final String SUPPORTED =
      "supported: 1 (16-bit PCM), 3 (32-bit float), 6 (A-law), 7 (μ-law), 0xFFFE (extensible of"
          + " those)";

  private WavFormat() {}

  static int tagOf(Encoding encoding) {
    return switch (encoding) {
      case PCM16 -> PCM;
      case F32 -> IEEE_FLOAT;
      case PCMA -> ALAW;
      case PCMU -> MULAW;
      case OPUS -> throw new IllegalArgumentException("WAV cannot hold Opus; use .opus");
    };
  }

  /** The encoding for a tag and bit depth, or null when unsupported. */
  static Encoding encodingOf(int tag, int bitsPerSample) {
    return switch (tag) {
      case PCM -> bitsPerSample == 16 ? Encoding.PCM16 : null;
      case IEEE_FLOAT -> bitsPerSample == 32 ? Encoding.F32 : null;
      case ALAW -> bitsPerSample == 8 ? Encoding.PCMA : null;
      case MULAW -> bitsPerSample == 8 ? Encoding.PCMU : null;
      default -> null;
    };
  }
}
