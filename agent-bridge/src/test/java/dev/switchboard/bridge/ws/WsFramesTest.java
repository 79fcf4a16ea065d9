package dev.switchboard.bridge.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** RFC 6455 section 5 framing, both directions, without sockets. */
class WsFramesTest {

  /** Unmasks a client frame as a server would (section 5.3) and returns header fields + data. */
  private record Decoded(boolean fin, int opcode, int maskKey, byte[] payload, int frameLength) {}

  private static Decoded unmask(byte[] b) {
    int p = 0;
    boolean fin = (b[p] & 0x80) != 0;
    int opcode = b[p++] & 0x0F;
    assertThat(b[p] & 0x80).as("client frames are masked").isEqualTo(0x80);
    long len = b[p++] & 0x7F;
    if (len == 126) {
      len = ((b[p++] & 0xFF) << 8) | (b[p++] & 0xFF);
    } else if (len == 127) {
      len = 0;
      for (int k = 0; k < 8; k++) {
        len = (len << 8) | (b[p++] & 0xFF);
      }
    }
    byte[] key = {b[p], b[p + 1], b[p + 2], b[p + 3]};
    p += 4;
    byte[] data = new byte[(int) len];
    for (int i = 0; i < len; i++) {
      data[i] = (byte) (b[p + i] ^ key[i % 4]);
    }
    int k =
        ((key[0] & 0xFF) << 24)
            | ((key[1] & 0xFF) << 16)
            | ((key[2] & 0xFF) << 8)
            | (key[3] & 0xFF);
    return new Decoded(fin, opcode, k, data, p + (int) len);
  }

  @Test
  void clientFramesUseTheShortestLengthFormAndMaskEveryOctet() {
    SplittableRandom rnd = new SplittableRandom(3);
    for (int len : new int[] {0, 1, 7, 8, 9, 125, 126, 1283, 65535, 65536, 70001}) {
      byte[] payload = new byte[len + 5];
      rnd.nextBytes(payload);
      int key = rnd.nextInt();
      WsFrames.Buffer out = new WsFrames.Buffer(16);
      WsFrames.encode(WsFrames.OP_TEXT, len % 2 == 0, payload, 5, len, key, out);
      int header = len <= 125 ? 2 : len <= 65535 ? 4 : 10;
      assertThat(out.size).as("len %d", len).isEqualTo(header + 4 + len);
      byte[] frame = java.util.Arrays.copyOf(out.bytes, out.size);
      Decoded d = unmask(frame);
      assertThat(d.fin()).isEqualTo(len % 2 == 0);
      assertThat(d.opcode()).isEqualTo(WsFrames.OP_TEXT);
      assertThat(d.maskKey()).isEqualTo(key);
      assertThat(d.payload()).isEqualTo(java.util.Arrays.copyOfRange(payload, 5, 5 + len));
      if (len >= 16 && key != 0) {
        // Masked bytes differ from the plain text somewhere (the key is not all zeros).
        assertThat(java.util.Arrays.copyOfRange(frame, header + 4, header + 4 + len))
            .isNotEqualTo(d.payload());
      }
    }
  }

  @Test
  void framesAppendOneAfterAnother() {
    WsFrames.Buffer out = new WsFrames.Buffer(4);
    WsFrames.encode(WsFrames.OP_TEXT, true, "one".getBytes(), 0, 3, 0x01020304, out);
    int first = out.size;
    WsFrames.encode(WsFrames.OP_PONG, true, "two!".getBytes(), 0, 4, 0x0a0b0c0d, out);
    Decoded a = unmask(java.util.Arrays.copyOf(out.bytes, first));
    Decoded b = unmask(java.util.Arrays.copyOfRange(out.bytes, first, out.size));
    assertThat(new String(a.payload())).isEqualTo("one");
    assertThat(b.opcode()).isEqualTo(WsFrames.OP_PONG);
    assertThat(new String(b.payload())).isEqualTo("two!");
  }

  /** A server frame: unmasked (section 5.1). */
  private static byte[] serverFrame(int b0, byte[] payload) {
    java.io.ByteArrayOutputStream o = new java.io.ByteArrayOutputStream();
    o.write(b0);
    int n = payload.length;
    if (n <= 125) {
      o.write(n);
    } else if (n <= 65535) {
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

  @Test
  void readsFragmentsIntoTheMessageAndControlFramesApart() throws Exception {
    byte[] big = new byte[70_000];
    new SplittableRandom(5).nextBytes(big);
    java.io.ByteArrayOutputStream s = new java.io.ByteArrayOutputStream();
    s.writeBytes(serverFrame(0x01, "hel".getBytes())); // text, not fin
    s.writeBytes(serverFrame(0x89, "p".getBytes())); // ping between fragments (section 5.4)
    s.writeBytes(serverFrame(0x80, "lo".getBytes())); // continuation, fin
    s.writeBytes(serverFrame(0x82, big)); // binary, 64-bit length
    ByteArrayInputStream in = new ByteArrayInputStream(s.toByteArray());
    WsFrames.Buffer message = new WsFrames.Buffer(2);
    WsFrames.Buffer control = new WsFrames.Buffer(2);
    assertThat(WsFrames.read(in, message, control, 1 << 20))
        .isEqualTo(new WsFrames.Header(false, WsFrames.OP_TEXT, 3));
    WsFrames.Header ping = WsFrames.read(in, message, control, 1 << 20);
    assertThat(ping.control()).isTrue();
    assertThat(new String(control.bytes, 0, control.size)).isEqualTo("p");
    assertThat(WsFrames.read(in, message, control, 1 << 20).fin()).isTrue();
    assertThat(new String(message.bytes, 0, message.size)).isEqualTo("hello");
    message.clear();
    WsFrames.read(in, message, control, 1 << 20);
    assertThat(java.util.Arrays.copyOf(message.bytes, message.size)).isEqualTo(big);
    assertThatThrownBy(() -> WsFrames.read(in, message, control, 1 << 20))
        .isInstanceOf(EOFException.class);
  }

  @Test
  void rejectsWhatAServerMustNotSend() {
    byte[][] bad = {
      {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 'x'}, // masked server frame
      {(byte) 0xC1, 0x00}, // RSV1 without extension
      {(byte) 0x83, 0x00}, // reserved opcode 3
      {(byte) 0x09, 0x00}, // fragmented ping
      serverFrame(0x89, new byte[126]), // control frame over 125 bytes
    };
    for (byte[] frame : bad) {
      assertThatThrownBy(
              () ->
                  WsFrames.read(
                      new ByteArrayInputStream(frame),
                      new WsFrames.Buffer(8),
                      new WsFrames.Buffer(8),
                      1 << 20))
          .isInstanceOfSatisfying(
              WsFrames.ProtocolError.class, e -> assertThat(e.closeCode).isEqualTo(1002));
    }
    assertThatThrownBy(
            () ->
                WsFrames.read(
                    new ByteArrayInputStream(serverFrame(0x81, new byte[2000])),
                    new WsFrames.Buffer(8),
                    new WsFrames.Buffer(8),
                    1000))
        .isInstanceOfSatisfying(
            WsFrames.ProtocolError.class, e -> assertThat(e.closeCode).isEqualTo(1009));
  }

  @Test
  void handshakeAcceptMatchesTheRfcExample() {
    // RFC 6455 section 1.3: key "dGhlIHNhbXBsZSBub25jZQ==" -> "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=".
    WsHandshake h =
        WsHandshake.create(
            new java.security.SecureRandom() {
              @Override
              public void nextBytes(byte[] bytes) {
                byte[] nonce = "the sample nonce".getBytes();
                System.arraycopy(nonce, 0, bytes, 0, bytes.length);
              }
            });
    assertThat(h.key()).isEqualTo("dGhlIHNhbXBsZSBub25jZQ==");
    assertThat(h.expectedAccept()).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
  }
}
