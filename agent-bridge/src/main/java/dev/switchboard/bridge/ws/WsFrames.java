package dev.switchboard.bridge.ws;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The RFC 6455 section 5 frame codec: client frames out (always masked, section 5.3), server frames
 * in (never masked, section 5.1; incrementally by {@link WsFrameDecoder}). Pure functions over
 * buffers; no sockets.
 */
final class WsFrames {

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private WsFrames() {}

  /** A growable byte buffer; {@link #size} bytes of {@link #bytes} are valid. */
  static final class Buffer {
    byte[] bytes;
    int size;

    Buffer(int capacity) {
      bytes = new byte[capacity];
    }

    void ensure(int more) {
      if (size + more > bytes.length) {
        bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
      }
    }

    void clear() {
      size = 0;
    }
  }

  /**
   * Appends one masked client frame (section 5.2 layout) to {@code out}.
   *
   * @param maskKey the 32-bit masking key, drawn from a strong source (section 5.3)
   */
  static void encode(
      int opcode, boolean fin, byte[] payload, int off, int len, int maskKey, Buffer out) {
    out.ensure(len + 14);
    byte[] b = out.bytes;
    int p = out.size;
    b[p++] = (byte) ((fin ? 0x80 : 0) | opcode);
    if (len <= 125) {
      b[p++] = (byte) (0x80 | len);
    } else if (len <= 0xFFFF) {
      b[p++] = (byte) (0x80 | 126);
      b[p++] = (byte) (len >>> 8);
      b[p++] = (byte) len;
    } else {
      b[p++] = (byte) (0x80 | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        b[p++] = (byte) ((long) len >>> shift);
      }
    }
    b[p++] = (byte) (maskKey >>> 24);
    b[p++] = (byte) (maskKey >>> 16);
    b[p++] = (byte) (maskKey >>> 8);
    b[p++] = (byte) maskKey;
    // Section 5.3: octet i is XORed with key octet i mod 4; eight at a time keeps that phase.
    long mask8 = ((maskKey & 0xFFFFFFFFL) << 32) | (maskKey & 0xFFFFFFFFL);
    int i = 0;
    for (; i + 8 <= len; i += 8) {
      LONGS.set(b, p + i, (long) LONGS.get(payload, off + i) ^ mask8);
    }
    for (; i < len; i++) {
      b[p + i] = (byte) (payload[off + i] ^ (maskKey >>> (24 - 8 * (i & 3))));
    }
    out.size = p + len;
  }

  /** A violation of RFC 6455 by the peer, with the close code to answer (section 7.4.1). */
  static final class ProtocolError extends IOException {
    final int closeCode;

    ProtocolError(int closeCode, String message) {
      super(message);
      this.closeCode = closeCode;
    }
  }

  /** The header of one received frame; its payload is in one of the decoder's buffers. */
  record Header(boolean fin, int opcode, int length) {

    boolean control() {
      return (opcode & 0x8) != 0;
    }
  }
}
