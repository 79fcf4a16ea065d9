package dev.switchboard.testkit.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.ws.Rfc6455;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class FakeFrameReaderTest {

  /** What the reader delivered, as readable lines. */
  private static final class Recorded implements FakeFrameReader.Frames {
    final List<String> events = new ArrayList<>();

    @Override
    public void text(byte[] utf8, int offset, int length) {
      events.add("text:" + new String(utf8, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void ping(byte[] payload, int offset, int length) {
      events.add("ping:" + new String(payload, offset, length, StandardCharsets.UTF_8));
    }

    @Override
    public void close(int statusCode) {
      events.add("close:" + statusCode);
    }

    @Override
    public void violation(int statusCode, String reason) {
      events.add("violation:" + statusCode);
    }
  }

  /** A client frame (RFC 6455 §5.2) masked with a random key, as a client must send it. */
  private static byte[] clientFrame(boolean fin, int opcode, byte[] payload, boolean masked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write((fin ? 0x80 : 0) | opcode);
    int n = payload.length;
    int maskBit = masked ? 0x80 : 0;
    if (n < 126) {
      out.write(maskBit | n);
    } else if (n < 65_536) {
      out.write(maskBit | 126);
      out.write(n >> 8);
      out.write(n);
    } else {
      out.write(maskBit | 127);
      for (int i = 7; i >= 0; i--) {
        out.write((int) ((long) n >> (8 * i)));
      }
    }
    byte[] key = new byte[4];
    new SplittableRandom(n).nextBytes(key);
    if (masked) {
      out.writeBytes(key);
    }
    for (int i = 0; i < n; i++) {
      out.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
    }
    return out.toByteArray();
  }

  private static byte[] text(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  /** Feeds {@code wire} in reads of {@code chunk} bytes, growing the buffer as the reader asks. */
  private static List<String> feed(byte[] wire, int chunk) {
    Recorded recorded = new Recorded();
    FakeFrameReader reader = new FakeFrameReader(1 << 20);
    ByteBuffer in = ByteBuffer.allocate(64);
    for (int at = 0; at < wire.length; at += chunk) {
      int n = Math.min(chunk, wire.length - at);
      if (in.remaining() < n) {
        ByteBuffer bigger = ByteBuffer.allocate(in.capacity() + n);
        in.flip();
        bigger.put(in);
        in = bigger;
      }
      in.put(wire, at, n);
      in.flip();
      int needed = reader.read(in, recorded);
      in.compact();
      if (needed < 0) {
        break;
      }
    }
    return recorded.events;
  }

  @Test
  void framesSplitAcrossReadsAtEveryByteAreUnmaskedAndDeliveredWhole() {
    String big = "x".repeat(300) + "é"; // 16-bit length, and a two-byte UTF-8 character
    byte[] wire =
        concat(
            clientFrame(true, Rfc6455.OP_TEXT, text("{\"type\":\"a\"}"), true),
            clientFrame(true, Rfc6455.OP_TEXT, text(big), true),
            clientFrame(true, Rfc6455.OP_PING, text("p1"), true));
    for (int chunk : new int[] {1, 2, 3, 7, wire.length}) {
      assertThat(feed(wire, chunk))
          .as("reads of %d bytes", chunk)
          .containsExactly("text:{\"type\":\"a\"}", "text:" + big, "ping:p1");
    }
  }

  @Test
  void fragmentedMessageIsReassembledAroundAnInterleavedPing() {
    byte[] wire =
        concat(
            clientFrame(false, Rfc6455.OP_TEXT, text("hel"), true),
            clientFrame(true, Rfc6455.OP_PING, text("mid"), true),
            clientFrame(false, Rfc6455.OP_CONTINUATION, text("lo "), true),
            clientFrame(true, Rfc6455.OP_CONTINUATION, text("world"), true));
    assertThat(feed(wire, 5)).containsExactly("ping:mid", "text:hello world");
  }

  @Test
  void largeFrameWithA64BitLengthAsksForItsWholeSize() {
    byte[] payload = text("y".repeat(70_000));
    byte[] wire = clientFrame(true, Rfc6455.OP_TEXT, payload, true);
    ByteBuffer in = ByteBuffer.wrap(wire, 0, 100);
    int needed = new FakeFrameReader(1 << 20).read(in, new Recorded());
    assertThat(needed).isEqualTo(wire.length);
    assertThat(in.position()).isZero(); // nothing consumed from a partial frame
    assertThat(feed(wire, 4096)).containsExactly("text:" + "y".repeat(70_000));
  }

  @Test
  void unmaskedClientFrameIsAProtocolViolation() {
    byte[] wire =
        concat(
            clientFrame(true, Rfc6455.OP_TEXT, text("masked"), true),
            clientFrame(true, Rfc6455.OP_TEXT, text("plain"), false),
            clientFrame(true, Rfc6455.OP_TEXT, text("after"), true));
    assertThat(feed(wire, wire.length)).containsExactly("text:masked", "violation:1002");
    // Known from the second octet: no waiting for a mask key that will never come.
    assertThat(feed(new byte[] {(byte) 0x81, 2, '{', '}'}, 4)).containsExactly("violation:1002");
  }

  @Test
  void closeCarriesItsStatusOr1005AndEndsTheStream() {
    byte[] status = {(byte) (1001 >> 8), (byte) (1001 & 0xff)};
    byte[] wire =
        concat(
            clientFrame(true, Rfc6455.OP_CLOSE, status, true),
            clientFrame(true, Rfc6455.OP_TEXT, text("late"), true));
    assertThat(feed(wire, 3)).containsExactly("close:1001");
    assertThat(feed(clientFrame(true, Rfc6455.OP_CLOSE, new byte[0], true), 1))
        .containsExactly("close:1005");
  }

  @Test
  void oversizedMessageAndStrayContinuationAreViolations() {
    byte[] big = clientFrame(true, Rfc6455.OP_TEXT, new byte[2 << 20], true);
    assertThat(feed(big, big.length)).containsExactly("violation:1009");
    byte[] stray = clientFrame(true, Rfc6455.OP_CONTINUATION, text("x"), true);
    assertThat(feed(stray, stray.length)).containsExactly("violation:1002");
  }
}
