package dev.switchboard.bridge.ws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;

/** The server end of RFC 6455 for scripted test peers: blocking, byte by byte, obvious. */
final class WsTestPeer {

  private WsTestPeer() {}

  /** Reads the request head and returns its lines. */
  static List<String> readRequest(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int state = 0;
    while (state < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("request ended early");
      }
      head.write(b);
      state =
          (b == '\r' && (state == 0 || state == 2)) || (b == '\n' && (state == 1 || state == 3))
              ? state + 1
              : 0;
    }
    return List.of(head.toString(StandardCharsets.ISO_8859_1).split("\r\n"));
  }

  static String accept(List<String> request) throws Exception {
    String key =
        request.stream()
            .filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
            .findFirst()
            .orElseThrow()
            .substring(18)
            .trim();
    byte[] sha1 =
        MessageDigest.getInstance("SHA-1")
            .digest((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes());
    return Base64.getEncoder().encodeToString(sha1);
  }

  static void answer101(OutputStream out, String accept) throws IOException {
    out.write(
        ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: "
                + accept
                + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
  }

  static void frame(OutputStream out, int b0, byte[] payload) throws IOException {
    out.write(b0);
    out.write(payload.length); // tests send short server frames only
    out.write(payload);
  }

  /** Reads one masked client frame: {opcode, payload}. */
  static Object[] clientFrame(DataInputStream in) throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    assertThat(b1 & 0x80).as("client frame masked (section 5.3)").isEqualTo(0x80);
    long len = b1 & 0x7F;
    if (len == 126) {
      len = in.readUnsignedShort();
    } else if (len == 127) {
      len = in.readLong();
    }
    byte[] key = in.readNBytes(4);
    byte[] data = in.readNBytes((int) len);
    for (int i = 0; i < data.length; i++) {
      data[i] ^= key[i % 4];
    }
    return new Object[] {b0 & 0x0F, data};
  }

  /** A server frame with any payload length (section 5.2), unmasked. */
  static byte[] serverFrame(int b0, byte[] payload) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(b0);
    int n = payload.length;
    if (n <= 125) {
      o.write(n);
    } else if (n <= 0xFFFF) {
      o.write(126);
      o.write(n >>> 8);
      o.write(n);
    } else {
      o.write(127);
      for (int s = 56; s >= 0; s -= 8) {
        o.write((int) ((long) n >>> s));
      }
    }
    o.writeBytes(payload);
    return o.toByteArray();
  }

  /** Polls {@code condition} for up to five seconds (no sleeps: real sockets, bounded). */
  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.onSpinWait();
      Thread.yield();
    }
  }
}
