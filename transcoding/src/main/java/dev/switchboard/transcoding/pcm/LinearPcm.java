package dev.switchboard.transcoding.pcm;

/**
 * Low-level conversions between little-endian sample bytes and 16-bit samples, for the linear
 * encodings {@code pcm16} (WAV format tag 1) and {@code f32} (IEEE float, WAV format tag 3).
 *
 * <p>Float samples map full scale ±1.0 to ±32768; out-of-range floats are clipped and NaN becomes
 * 0, so a hostile file cannot produce wrapped-around samples.
 */
public final class LinearPcm {

  private LinearPcm() {}

  public static void decodeS16le(byte[] in, int inOff, short[] out, int outOff, int samples) {
    for (int i = 0; i < samples; i++) {
      int b = inOff + 2 * i;
      out[outOff + i] = (short) ((in[b] & 0xFF) | (in[b + 1] << 8));
    }
  }

  public static void encodeS16le(short[] in, int inOff, byte[] out, int outOff, int samples) {
    for (int i = 0; i < samples; i++) {
      int b = outOff + 2 * i;
      short s = in[inOff + i];
      out[b] = (byte) s;
      out[b + 1] = (byte) (s >> 8);
    }
  }

  public static void decodeF32le(byte[] in, int inOff, short[] out, int outOff, int samples) {
    for (int i = 0; i < samples; i++) {
      int b = inOff + 4 * i;
      int bits =
          (in[b] & 0xFF) | (in[b + 1] & 0xFF) << 8 | (in[b + 2] & 0xFF) << 16 | in[b + 3] << 24;
      out[outOff + i] = floatToShort(Float.intBitsToFloat(bits));
    }
  }

  public static void encodeF32le(short[] in, int inOff, byte[] out, int outOff, int samples) {
    for (int i = 0; i < samples; i++) {
      int bits = Float.floatToRawIntBits(in[inOff + i] / 32768f);
      int b = outOff + 4 * i;
      out[b] = (byte) bits;
      out[b + 1] = (byte) (bits >> 8);
      out[b + 2] = (byte) (bits >> 16);
      out[b + 3] = (byte) (bits >> 24);
    }
  }

  static short floatToShort(float f) {
    if (Float.isNaN(f)) {
      return 0;
    }
    long v = Math.round(f * 32768.0);
    return (short) Math.max(Short.MIN_VALUE, Math.min(Short.MAX_VALUE, v));
  }
}
