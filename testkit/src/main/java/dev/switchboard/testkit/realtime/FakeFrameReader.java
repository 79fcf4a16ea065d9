package dev.switchboard.testkit.realtime;

import dev.switchboard.bridge.ws.Rfc6455;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The receiving half of the fake's RFC 6455 server end, fed whatever bytes a non-blocking read
 * brought: it takes every complete frame in the buffer, unmasks it in place (§5.3), reassembles
 * fragmented messages (§5.4) and leaves a partial frame where it is for the next read. No socket,
 * so it is tested byte by byte. Not thread-safe (one per connection, on its loop thread).
 */
final class FakeFrameReader {

  /** What complete frames mean; the byte ranges are valid only during the call. */
  interface Frames {
    /** A whole text message (UTF-8); binary messages are dropped, as the fake has no use. */
    void text(byte[] utf8, int offset, int length);

    void ping(byte[] payload, int offset, int length);

    /** The peer's close frame with its status (1005 when it gave none, §7.1.5). */
    void close(int statusCode);

    /** A frame the server must answer by closing with {@code statusCode} (§7.4.1). */
    void violation(int statusCode, String reason);
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INTS =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final int maxMessageBytes;
  private byte[] fragments = new byte[0];
  private int fragmentsLength;
  private int messageOpcode = -1;
  private boolean done;

  FakeFrameReader(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * Consumes the complete frames in {@code in} (read mode, heap-backed) and delivers them. Returns
   * the total size of the frame that is incomplete at the buffer's position (so the caller can grow
   * its buffer), 0 when nothing is left over, or -1 once a close or a violation ended the stream.
   */
  int read(ByteBuffer in, Frames frames) {
    byte[] b = in.array();
    while (!done) {
      int start = in.arrayOffset() + in.position();
      int available = in.remaining();
      if (available < 2) {
        return available == 0 ? 0 : 2;
      }
      int b0 = b[start] & 0xff;
      int b1 = b[start + 1] & 0xff;
      if ((b1 & 0x80) == 0) {
        // §5.1: a server closes the connection on an unmasked client frame.
        return violation(frames, 1002, "unmasked client frame");
      }
      long length = b1 & 0x7F;
      int header = 2;
      if (length == 126) {
        header = 4;
      } else if (length == 127) {
        header = 10;
      }
      header += 4; // the mask key: every client frame is masked (§5.3)
      if (available < header) {
        return header;
      }
      if (length == 126) {
        length = ((b[start + 2] & 0xff) << 8) | (b[start + 3] & 0xff);
      } else if (length == 127) {
        length = 0;
        for (int i = 0; i < 8; i++) {
          length = (length << 8) | (b[start + 2 + i] & 0xff);
        }
      }
      int opcode = b0 & 0x0F;
      boolean control = opcode >= Rfc6455.OP_CLOSE;
      if (length < 0 || (control && length > 125)) {
        return violation(frames, 1002, "bad frame length " + length); // §5.5: control ≤ 125
      }
      if (fragmentsLength + length > maxMessageBytes) {
        return violation(frames, 1009, "message too big");
      }
      long total = header + length;
      if (available < total) {
        return (int) total;
      }
      int at = start + header;
      int n = (int) length;
      unmask(b, at, n, start + header - 4);
      in.position(in.position() + (int) total);
      frame(frames, (b0 & 0x80) != 0, opcode, b, at, n);
    }
    return -1;
  }

  /**
   * §5.3: payload octet i is XORed with octet i mod 4 of the masking key; eight octets at a time (a
   * 20 ms append is 1.3 kB).
   */
  private static void unmask(byte[] b, int at, int n, int keyAt) {
    long key = (int) INTS.get(b, keyAt) & 0xFFFF_FFFFL;
    long key8 = key | (key << 32); // little-endian: octet j of the long is payload octet i + j
    int i = 0;
    for (; i + 7 < n; i += 8) {
      LONGS.set(b, at + i, (long) LONGS.get(b, at + i) ^ key8);
    }
    for (; i < n; i++) {
      b[at + i] ^= b[keyAt + (i & 3)];
    }
  }

  private void frame(Frames frames, boolean fin, int opcode, byte[] b, int at, int n) {
    switch (opcode) {
      case Rfc6455.OP_TEXT, Rfc6455.OP_BINARY, Rfc6455.OP_CONTINUATION -> {
        if (opcode == Rfc6455.OP_CONTINUATION ? messageOpcode < 0 : messageOpcode >= 0) {
          // §5.4: a continuation must follow a first fragment, and a new message must wait
          violation(frames, 1002, "unexpected " + (opcode == 0 ? "continuation" : "data frame"));
          return;
        }
        if (fin && opcode != Rfc6455.OP_CONTINUATION) {
          if (opcode == Rfc6455.OP_TEXT) {
            frames.text(b, at, n); // the common case: straight from the read buffer
          }
          return;
        }
        if (opcode != Rfc6455.OP_CONTINUATION) {
          messageOpcode = opcode;
        }
        if (fragmentsLength + n > fragments.length) {
          fragments = Arrays.copyOf(fragments, Math.max(2 * fragments.length, fragmentsLength + n));
        }
        System.arraycopy(b, at, fragments, fragmentsLength, n);
        fragmentsLength += n;
        if (fin) {
          if (messageOpcode == Rfc6455.OP_TEXT) {
            frames.text(fragments, 0, fragmentsLength);
          }
          fragmentsLength = 0;
          messageOpcode = -1;
        }
      }
      case Rfc6455.OP_PING -> frames.ping(b, at, n);
      case Rfc6455.OP_CLOSE -> {
        done = true;
        frames.close(n >= 2 ? ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff) : 1005);
      }
      default -> {
        // pong or a reserved opcode: nothing to do
      }
    }
  }

  private int violation(Frames frames, int statusCode, String reason) {
    done = true;
    frames.violation(statusCode, reason);
    return -1;
  }
}
