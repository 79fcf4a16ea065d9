package dev.switchboard.local.audio;

import dev.switchboard.transcoding.PcmFrame;

/** Byte-order helpers for 16-bit PCM (wire: little-endian; FreeTTS: big-endian). */
public final class Pcm16 {

  private Pcm16() {}

  public static PcmFrame fromLittleEndian(byte[] b, int sampleRateHz) {
    short[] s = new short[b.length / 2];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
    }
    return new PcmFrame(s, sampleRateHz);
  }

  public static short[] fromBigEndian(byte[] b, int offset, int length) {
    short[] s = new short[length / 2];
    for (int i = 0; i < s.length; i++) {
      s[i] = (short) ((b[offset + 2 * i] << 8) | (b[offset + 2 * i + 1] & 0xff));
    }
    return s;
  }

  public static byte[] toLittleEndian(short[] s) {
    byte[] b = new byte[s.length * 2];
    for (int i = 0; i < s.length; i++) {
      b[2 * i] = (byte) s[i];
      b[2 * i + 1] = (byte) (s[i] >> 8);
    }
    return b;
  }
}
