package dev.switchboard.transcoding;

import java.util.Locale;

/** How samples are represented on the wire or in memory. */
public enum Encoding {
  /** Signed 16-bit little-endian linear PCM. */
  PCM16(2),
  /** ITU-T G.711 μ-law, one byte per sample. */
  PCMU(1),
  /** ITU-T G.711 A-law, one byte per sample. */
  PCMA(1),
  /** Opus (RFC 6716); variable bytes per packet. */
  OPUS(0),
  /** 32-bit little-endian IEEE float in [-1, 1], for analysis only. */
  F32(4);

  private final int bytesPerSample;

  Encoding(int bytesPerSample) {
    this.bytesPerSample = bytesPerSample;
  }

  /** Bytes per mono sample, or 0 for packetised codecs whose size varies. */
  public int bytesPerSample() {
    return bytesPerSample;
  }

  /** The lower-case name used in format strings such as {@code pcmu/8000}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
