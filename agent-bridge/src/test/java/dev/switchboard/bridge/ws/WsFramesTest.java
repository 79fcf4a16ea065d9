package dev.switchboard.bridge.ws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
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
      WsFrames.encode(Rfc6455.OP_TEXT, len % 2 == 0, payload, 5, len, key, out);
      int header = len <= 125 ? 2 : len <= 65535 ? 4 : 10;
      assertThat(out.size).as("len %d", len).isEqualTo(header + 4 + len);
      byte[] frame = java.util.Arrays.copyOf(out.bytes, out.size);
      Decoded d = unmask(frame);
      assertThat(d.fin()).isEqualTo(len % 2 == 0);
      assertThat(d.opcode()).isEqualTo(Rfc6455.OP_TEXT);
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
    WsFrames.encode(Rfc6455.OP_TEXT, true, "one".getBytes(), 0, 3, 0x01020304, out);
    int first = out.size;
    WsFrames.encode(Rfc6455.OP_PONG, true, "two!".getBytes(), 0, 4, 0x0a0b0c0d, out);
    Decoded a = unmask(java.util.Arrays.copyOf(out.bytes, first));
    Decoded b = unmask(java.util.Arrays.copyOfRange(out.bytes, first, out.size));
    assertThat(new String(a.payload())).isEqualTo("one");
    assertThat(b.opcode()).isEqualTo(Rfc6455.OP_PONG);
    assertThat(new String(b.payload())).isEqualTo("two!");
  }

  private static byte[] sampleStream(byte[] big) {
    java.io.ByteArrayOutputStream s = new java.io.ByteArrayOutputStream();
    s.writeBytes(WsTestPeer.serverFrame(0x01, "hel".getBytes())); // text, not fin
    s.writeBytes(
        WsTestPeer.serverFrame(0x89, "p".getBytes())); // ping between fragments (section 5.4)
    s.writeBytes(WsTestPeer.serverFrame(0x80, "lo".getBytes())); // continuation, fin
    s.writeBytes(WsTestPeer.serverFrame(0x82, big)); // binary, 64-bit length
    s.writeBytes(WsTestPeer.serverFrame(0x81, "x".repeat(300).getBytes())); // 16-bit length
    return s.toByteArray();
  }

  /** Decodes {@code stream} fed in reads of {@code chunk} bytes; one line per frame. */
  private static java.util.List<String> decodeInChunks(byte[] stream, int chunk, byte[] big)
      throws Exception {
    WsFrameDecoder d = new WsFrameDecoder(1 << 20);
    java.util.List<String> got = new java.util.ArrayList<>();
    for (int off = 0; off < stream.length; off += chunk) {
      ByteBuffer in = ByteBuffer.wrap(stream, off, Math.min(chunk, stream.length - off));
      WsFrames.Header h;
      while ((h = d.next(in)) != null) {
        if (h.control()) {
          got.add("control " + h.opcode() + " " + new String(d.control.bytes, 0, d.control.size));
        } else if (!h.fin()) {
          got.add("fragment " + h.length());
        } else if (d.message.size == big.length) {
          assertThat(java.util.Arrays.copyOf(d.message.bytes, d.message.size)).isEqualTo(big);
          got.add("binary " + h.length());
          d.messageDelivered();
        } else {
          got.add("message " + new String(d.message.bytes, 0, d.message.size));
          d.messageDelivered();
        }
      }
      assertThat(in.hasRemaining()).as("a read is consumed whole").isFalse();
    }
    return got;
  }

  @Test
  void decodesFragmentsAndControlFramesApartWhateverTheReadSizes() throws Exception {
    byte[] big = new byte[70_000];
    new SplittableRandom(5).nextBytes(big);
    byte[] stream = sampleStream(big);
    java.util.List<String> expected =
        java.util.List.of(
            "fragment 3",
            "control 9 p",
            "message hello",
            "binary 70000",
            "message " + "x".repeat(300));
    // One byte per read (headers and payloads split anywhere), odd sizes, everything at once.
    for (int chunk : new int[] {1, 2, 3, 7, 1000, stream.length}) {
      assertThat(decodeInChunks(stream, chunk, big)).as("chunk %d", chunk).isEqualTo(expected);
    }
  }

  @Test
  void anIncompleteFrameWaitsForMoreBytes() throws Exception {
    WsFrameDecoder d = new WsFrameDecoder(1 << 20);
    byte[] frame = WsTestPeer.serverFrame(0x81, "hello".getBytes());
    assertThat(d.next(ByteBuffer.wrap(frame, 0, frame.length - 1))).isNull();
    WsFrames.Header h = d.next(ByteBuffer.wrap(frame, frame.length - 1, 1));
    assertThat(h).isEqualTo(new WsFrames.Header(true, Rfc6455.OP_TEXT, 5));
    assertThat(new String(d.message.bytes, 0, d.message.size)).isEqualTo("hello");
  }

  @Test
  void rejectsWhatAServerMustNotSend() {
    byte[][] bad = {
      {(byte) 0x81, (byte) 0x81, 1, 2, 3, 4, 'x'}, // masked server frame
      {(byte) 0xC1, 0x00}, // RSV1 without extension
      {(byte) 0x83, 0x00}, // reserved opcode 3
      {(byte) 0x09, 0x00}, // fragmented ping
      WsTestPeer.serverFrame(0x89, new byte[126]), // control frame over 125 bytes
    };
    for (byte[] frame : bad) {
      assertThatThrownBy(() -> new WsFrameDecoder(1 << 20).next(ByteBuffer.wrap(frame)))
          .isInstanceOfSatisfying(
              WsFrames.ProtocolError.class, e -> assertThat(e.closeCode).isEqualTo(1002));
    }
    assertThatThrownBy(
            () ->
                new WsFrameDecoder(1000)
                    .next(ByteBuffer.wrap(WsTestPeer.serverFrame(0x81, new byte[2000]))))
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
