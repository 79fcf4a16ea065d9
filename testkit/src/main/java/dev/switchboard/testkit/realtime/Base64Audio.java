package dev.switchboard.testkit.realtime;

import dev.switchboard.transcoding.g711.G711;

/**
 * The fake's look at {@code input_audio_buffer.append} audio without decoding it: base64 (RFC 4648
 * §4) validated in place, its decoded length, and the VAD's energy read straight from the base64
 * text. PCM16 at 24 kHz is read at every third sample (one per 8 characters: 3 samples = 6 bytes =
 * 8 characters, and the first sample's two bytes sit in the first three); G.711 (8 kHz, a byte per
 * sample) is read whole. No allocation: 50 appends a second per call are most of what the fake
 * receives. Stateless.
 */
final class Base64Audio {

  private static final int PAD = -2;
  private static final int[] VALUE = new int[256];

  static {
    java.util.Arrays.fill(VALUE, -1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for (int i = 0; i < alphabet.length(); i++) {
      VALUE[alphabet.charAt(i)] = i;
    }
    VALUE['='] = PAD;
  }

  private Base64Audio() {}

  /**
   * The index of the quote closing a base64 string value that starts at {@code from}, or -1 if a
   * character before it is outside the alphabet, the padding is misplaced (only at the end, at most
   * two, length a multiple of 4), or no quote comes before {@code to}.
   */
  static int valueEnd(byte[] b, int from, int to) {
    return scan(b, from, to, true);
  }

  /** Whether all of {@code b[from..to)} is valid base64. */
  static boolean isValid(byte[] b, int from, int to) {
    return scan(b, from, to, false) == to;
  }

  private static int scan(byte[] b, int from, int to, boolean quoted) {
    int firstPad = -1;
    for (int i = from; i <= to; i++) {
      int c = i < to ? b[i] & 0xff : -1;
      if (quoted ? c == '"' : i == to) {
        boolean padOk = firstPad < 0 || i - firstPad <= 2;
        return (i - from) % 4 == 0 && padOk ? i : -1;
      }
      if (c < 0) {
        return -1; // no closing quote
      }
      int v = VALUE[c];
      if (v == PAD) {
        if (firstPad < 0) {
          firstPad = i;
        }
      } else if (v < 0 || firstPad >= 0) {
        return -1;
      }
    }
    return -1;
  }

  /** Bytes that valid base64 {@code b[from..end)} decodes to. */
  static int decodedLength(byte[] b, int from, int end) {
    int pad = end > from && b[end - 1] == '=' ? (b[end - 2] == '=' ? 2 : 1) : 0;
    return (end - from) / 4 * 3 - pad;
  }

  /** Feeds the audio of valid base64 {@code b[from..end)} in {@code format} to {@code vad}. */
  static void feed(byte[] b, int from, int end, FakeAudio format, EnergyVad vad) {
    int bytes = decodedLength(b, from, end);
    if (format == FakeAudio.PCM16_24K) {
      int samples = bytes / 2;
      int groups = bytes / 6;
      for (int g = 0, at = from; g < groups; g++, at += 8) {
        int c1 = VALUE[b[at + 1] & 0xff];
        int lo = (VALUE[b[at] & 0xff] << 2) | (c1 >> 4);
        int hi = ((c1 & 0xF) << 4) | (VALUE[b[at + 2] & 0xff] >> 2);
        vad.sample((short) (lo | (hi << 8)), 3); // little-endian PCM16
      }
      vad.skip(samples - 3 * groups);
      return;
    }
    boolean ulaw = format == FakeAudio.PCMU_8K;
    int decoded = 0;
    for (int at = from; decoded < bytes; at += 4) {
      int q =
          (VALUE[b[at] & 0xff] << 18)
              | (VALUE[b[at + 1] & 0xff] << 12)
              | (Math.max(0, VALUE[b[at + 2] & 0xff]) << 6)
              | Math.max(0, VALUE[b[at + 3] & 0xff]);
      for (int k = 0; k < 3 && decoded < bytes; k++, decoded++) {
        byte code = (byte) (q >> (16 - 8 * k));
        vad.sample(ulaw ? G711.ulawToLinear(code) : G711.alawToLinear(code), 1);
      }
    }
  }
}
