package dev.switchboard.transcoding.g711;

/**
 * ITU-T G.711 μ-law and A-law companding, bit-exact with the ITU-T G.191 reference implementation
 * ({@code ulaw_compress}/{@code ulaw_expand}, {@code alaw_compress}/{@code alaw_expand}) for all
 * 65,536 linear inputs and all 256 codes.
 *
 * <p>Linear samples are 16-bit two's complement. G.711 itself works on 14-bit (μ-law) and 13-bit
 * (A-law) magnitudes; the reference code takes the one's complement of negative inputs before
 * dropping the low bits, which makes the decision levels symmetric about −½ LSB. Every mapping is
 * precomputed into a table at class load (64 KiB per law for encoding), so the per-sample cost is
 * one array read.
 */
public final class G711 {

  /** μ-law code for digital silence (decodes to 0). */
  public static final byte ULAW_SILENCE = (byte) 0xFF;

  /** A-law code for digital silence (decodes to +8, the smallest positive level). */
  public static final byte ALAW_SILENCE = (byte) 0xD5;

  private static final byte[] ULAW_ENCODE = new byte[65536];
  private static final byte[] ALAW_ENCODE = new byte[65536];
  private static final short[] ULAW_DECODE = new short[256];
  private static final short[] ALAW_DECODE = new short[256];

  static {
    for (int x = Short.MIN_VALUE; x <= Short.MAX_VALUE; x++) {
      ULAW_ENCODE[x & 0xFFFF] = (byte) ulawCompress(x);
      ALAW_ENCODE[x & 0xFFFF] = (byte) alawCompress(x);
    }
    for (int code = 0; code < 256; code++) {
      ULAW_DECODE[code] = (short) ulawExpand(code);
      ALAW_DECODE[code] = (short) alawExpand(code);
    }
  }

  private G711() {}

  public static byte linearToUlaw(short sample) {
    return ULAW_ENCODE[sample & 0xFFFF];
  }

  public static short ulawToLinear(byte code) {
    return ULAW_DECODE[code & 0xFF];
  }

  public static byte linearToAlaw(short sample) {
    return ALAW_ENCODE[sample & 0xFFFF];
  }

  public static short alawToLinear(byte code) {
    return ALAW_DECODE[code & 0xFF];
  }

  /** Encodes {@code len} samples from {@code in[inOff]} into {@code out[outOff]}. */
  public static void encodeUlaw(short[] in, int inOff, byte[] out, int outOff, int len) {
    for (int i = 0; i < len; i++) {
      out[outOff + i] = ULAW_ENCODE[in[inOff + i] & 0xFFFF];
    }
  }

  public static void decodeUlaw(byte[] in, int inOff, short[] out, int outOff, int len) {
    for (int i = 0; i < len; i++) {
      out[outOff + i] = ULAW_DECODE[in[inOff + i] & 0xFF];
    }
  }

  public static void encodeAlaw(short[] in, int inOff, byte[] out, int outOff, int len) {
    for (int i = 0; i < len; i++) {
      out[outOff + i] = ALAW_ENCODE[in[inOff + i] & 0xFFFF];
    }
  }

  public static void decodeAlaw(byte[] in, int inOff, short[] out, int outOff, int len) {
    for (int i = 0; i < len; i++) {
      out[outOff + i] = ALAW_DECODE[in[inOff + i] & 0xFF];
    }
  }

  // --- The reference algorithms (ITU-T G.191, g711.c), used only to fill the tables. ---

  private static int ulawCompress(int x) {
    int magnitude = x < 0 ? (~x) >> 2 : x >> 2; // 14-bit magnitude, one's complement if negative
    magnitude += 33; // bias
    if (magnitude > 0x1FFF) {
      magnitude = 0x1FFF;
    }
    int segment = 1;
    for (int i = magnitude >> 6; i != 0; i >>= 1) {
      segment++;
    }
    int highNibble = 0x8 - segment;
    int lowNibble = 0xF - ((magnitude >> segment) & 0xF);
    int code = (highNibble << 4) | lowNibble;
    return x >= 0 ? code | 0x80 : code;
  }

  private static int ulawExpand(int code) {
    int sign = code < 0x80 ? -1 : 1;
    int inverted = ~code;
    int exponent = (inverted >> 4) & 0x7;
    int segment = exponent + 1;
    int mantissa = inverted & 0xF;
    int step = 4 << segment;
    return sign * ((0x80 << exponent) + step * mantissa + step / 2 - 4 * 33);
  }

  private static int alawCompress(int x) {
    int ix = x < 0 ? (~x) >> 4 : x >> 4; // 12-bit magnitude, one's complement if negative
    if (ix > 15) {
      int exponent = 1;
      while (ix > 16 + 15) {
        ix >>= 1;
        exponent++;
      }
      ix -= 16;
      ix += exponent << 4;
    }
    if (x >= 0) {
      ix |= 0x80;
    }
    return ix ^ 0x55; // even-bit inversion
  }

  private static int alawExpand(int code) {
    int ix = (code ^ 0x55) & 0x7F;
    int exponent = ix >> 4;
    int mantissa = ix & 0xF;
    if (exponent > 0) {
      mantissa += 16;
    }
    mantissa = (mantissa << 4) + 0x8;
    if (exponent > 1) {
      mantissa <<= exponent - 1;
    }
    return code > 127 ? mantissa : -mantissa;
  }
}
