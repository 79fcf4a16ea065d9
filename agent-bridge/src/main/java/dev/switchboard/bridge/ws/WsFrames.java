package dev.switchboard.bridge.ws;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The RFC 6455 section 5 frame codec: client frames out (always masked, section 5.3), server frames
 * in (never masked, section 5.1). Pure functions over buffers and streams; no sockets.
 */
final class WsFrames {

  static final int OP_CONTINUATION = 0x0;
  static final int OP_TEXT = 0x1;
  static final int OP_BINARY = 0x2;
  static final int OP_CLOSE = 0x8;
  static final int OP_PING = 0x9;
  static final int OP_PONG = 0xA;

  /** Control frames carry at most 125 bytes (section 5.5). */
  static final int MAX_CONTROL_PAYLOAD = 125;

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

  /** The header of one received frame; its payload was read into one of the reader's buffers. */
  record Header(boolean fin, int opcode, int length) {

    boolean control() {
      return (opcode & 0x8) != 0;
    }
  }

  /**
   * Reads one server frame: header, then the payload, appended to {@code message} for data frames
   * (fragments accumulate) or replacing {@code control}'s content for control frames (which may
   * arrive between fragments, section 5.4).
   *
   * @param maxPayload longest message accepted (the message-size limit)
   * @throws ProtocolError for masked frames, reserved bits, unknown opcodes, bad control frames or
   *     oversized payloads
   * @throws EOFException when the stream ends (between frames or inside one)
   */
  static Header read(InputStream in, Buffer message, Buffer control, int maxPayload)
      throws IOException {
    int b0 = readByte(in);
    int b1 = readByte(in);
    if ((b0 & 0x70) != 0) {
      throw new ProtocolError(1002, "reserved bits set without an extension (section 5.2)");
    }
    boolean fin = (b0 & 0x80) != 0;
    int opcode = b0 & 0x0F;
    if ((b1 & 0x80) != 0) {
      throw new ProtocolError(1002, "server frame is masked (section 5.1)");
    }
    long len = b1 & 0x7F;
    if (len == 126) {
      len = ((long) readByte(in) << 8) | readByte(in);
    } else if (len == 127) {
      len = 0;
      for (int k = 0; k < 8; k++) {
        len = (len << 8) | readByte(in);
      }
      if (len < 0) {
        throw new ProtocolError(1002, "64-bit length has its top bit set (section 5.2)");
      }
    }
    boolean isControl = (opcode & 0x8) != 0;
    switch (opcode) {
      case OP_CONTINUATION, OP_TEXT, OP_BINARY, OP_CLOSE, OP_PING, OP_PONG -> {}
      default -> throw new ProtocolError(1002, "unknown opcode " + opcode);
    }
    if (isControl && (!fin || len > MAX_CONTROL_PAYLOAD)) {
      throw new ProtocolError(
          1002, "control frame fragmented or over 125 bytes (" + len + ") (section 5.5)");
    }
    Buffer payload = isControl ? control : message;
    if (isControl) {
      control.clear();
    }
    if (len > maxPayload - payload.size) {
      throw new ProtocolError(1009, "message exceeds " + maxPayload + " bytes");
    }
    int n = (int) len;
    payload.ensure(n);
    int done = 0;
    while (done < n) {
      int r = in.read(payload.bytes, payload.size + done, n - done);
      if (r < 0) {
        throw new EOFException("stream ended inside a frame");
      }
      done += r;
    }
    payload.size += n;
    return new Header(fin, opcode, n);
  }

  private static int readByte(InputStream in) throws IOException {
    int b = in.read();
    if (b < 0) {
      throw new EOFException("stream ended");
    }
    return b;
  }
}
