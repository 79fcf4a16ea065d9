package dev.switchboard.testkit.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fake's socket plumbing with a raw RFC 6455 client on 127.0.0.1: frames dribbled a byte at a
 * time, a message bigger than the read buffer, ping, the closing handshake, refused upgrades, and
 * many connections on the one event loop. Reads are bounded by socket timeouts.
 */
class FakeRealtimeServerIT {

  private static final Duration WAIT = Duration.ofSeconds(5);

  /** A raw client end: masked frames out, unmasked frames in. */
  private static final class RawClient implements AutoCloseable {
    final Socket socket;
    final OutputStream out;
    final DataInputStream in;
    final SplittableRandom rnd = new SplittableRandom(1);

    RawClient(FakeRealtimeServer fake, String authorization) throws IOException {
      socket = new Socket("127.0.0.1", fake.port());
      socket.setSoTimeout(5000);
      out = socket.getOutputStream();
      in = new DataInputStream(socket.getInputStream());
      String head =
          "GET /v1/realtime?model=gpt-realtime HTTP/1.1\r\nHost: 127.0.0.1\r\n"
              + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
              + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
              + (authorization == null ? "" : "Authorization: " + authorization + "\r\n")
              + "\r\n";
      out.write(head.getBytes(StandardCharsets.US_ASCII));
    }

    String responseHead() throws IOException {
      StringBuilder b = new StringBuilder();
      while (!b.toString().endsWith("\r\n\r\n")) {
        int c = in.read();
        if (c < 0) {
          break;
        }
        b.append((char) c);
      }
      return b.toString();
    }

    byte[] frame(int opcode, byte[] payload, boolean fin) {
      ByteArrayOutputStream f = new ByteArrayOutputStream();
      f.write((fin ? 0x80 : 0) | opcode);
      int n = payload.length;
      if (n < 126) {
        f.write(0x80 | n);
      } else if (n < 65_536) {
        f.write(0x80 | 126);
        f.write(n >> 8);
        f.write(n);
      } else {
        f.write(0x80 | 127);
        for (int i = 7; i >= 0; i--) {
          f.write((int) ((long) n >> (8 * i)));
        }
      }
      byte[] key = new byte[4];
      rnd.nextBytes(key);
      f.writeBytes(key);
      for (int i = 0; i < n; i++) {
        f.write(payload[i] ^ key[i & 3]);
      }
      return f.toByteArray();
    }

    void sendText(String text) throws IOException {
      out.write(frame(0x1, text.getBytes(StandardCharsets.UTF_8), true));
    }

    /** The next server frame as {@code opcode:payload} (text) or {@code opcode:hex} (others). */
    String next() throws IOException {
      int b0 = in.readUnsignedByte();
      int b1 = in.readUnsignedByte();
      assertThat(b1 & 0x80).as("server frames are unmasked (§5.1)").isZero();
      long n = b1 & 0x7F;
      if (n == 126) {
        n = in.readUnsignedShort();
      } else if (n == 127) {
        n = in.readLong();
      }
      byte[] payload = new byte[(int) n];
      in.readFully(payload);
      int opcode = b0 & 0x0F;
      if (opcode == 0x1) {
        return "text:" + new String(payload, StandardCharsets.UTF_8);
      }
      StringBuilder hex = new StringBuilder(opcode + ":");
      for (byte p : payload) {
        hex.append(String.format("%02x", p));
      }
      return hex.toString();
    }

    /** Skips text frames until one contains {@code needle}. */
    String awaitText(String needle) throws IOException {
      while (true) {
        String f = next();
        if (f.contains(needle)) {
          return f;
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /** The end of the stream, or a reset: either way the server dropped the connection. */
  private static boolean dropped(InputStream in) throws IOException {
    try {
      return in.read() == -1;
    } catch (java.net.SocketException e) {
      return true;
    }
  }

  @Test
  void framesDribbledByteByByteAndAMessageLargerThanTheReadBufferArriveWhole() throws Exception {
    try (FakeRealtimeServer fake = FakeRealtimeServer.builder().apiKey("sk-x").start();
        RawClient c = new RawClient(fake, "Bearer sk-x")) {
      assertThat(c.responseHead()).startsWith("HTTP/1.1 101");
      c.awaitText("session.created");
      byte[] update =
          c.frame(
              0x1,
              "{\"type\":\"session.update\",\"session\":{\"instructions\":\"dribbled\"}}"
                  .getBytes(StandardCharsets.UTF_8),
              true);
      for (byte b : update) {
        c.out.write(b);
        c.out.flush();
      }
      assertThat(c.awaitText("session.updated")).contains("\"instructions\":\"dribbled\"");
      String big = "z".repeat(100_000); // over the 16 KiB read buffer, 64-bit length
      c.sendText(
          "{\"type\":\"conversation.item.create\",\"item\":{\"type\":\"message\",\"role\":\"user\","
              + "\"content\":[{\"type\":\"input_text\",\"text\":\""
              + big
              + "\"}]}}");
      assertThat(c.awaitText("conversation.item.added")).contains(big);
      FakeConnection conn = fake.awaitConnection(0, WAIT);
      assertThat(conn.received().await("conversation.item.create", WAIT).toString()).contains(big);
    }
  }

  @Test
  void pingIsAnsweredWithItsPayloadAndCloseIsEchoedThenTheSocketEnds() throws Exception {
    try (FakeRealtimeServer fake = FakeRealtimeServer.builder().apiKey("sk-x").start();
        RawClient c = new RawClient(fake, "Bearer sk-x")) {
      assertThat(c.responseHead()).startsWith("HTTP/1.1 101");
      c.awaitText("session.created");
      c.out.write(c.frame(0x9, new byte[] {1, 2, 3}, true));
      assertThat(c.next()).isEqualTo("10:010203"); // pong (0xA) with the ping's payload
      c.out.write(c.frame(0x8, new byte[] {0x03, (byte) 0xE9}, true)); // 1001 going away
      assertThat(c.next()).isEqualTo("8:03e9");
      assertThat(c.in.read()).isEqualTo(-1);
      fake.awaitConnection(0, WAIT).closedFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void wrongKeyIsRefusedWith401AndNoConnection() throws Exception {
    try (FakeRealtimeServer fake = FakeRealtimeServer.builder().apiKey("sk-x").start();
        RawClient c = new RawClient(fake, "Bearer sk-wrong")) {
      String head = c.responseHead();
      assertThat(head).startsWith("HTTP/1.1 401");
      assertThat(fake.connections()).isEmpty();
    }
  }

  @Test
  void unmaskedClientFrameIsClosedWith1002() throws Exception {
    try (FakeRealtimeServer fake = FakeRealtimeServer.builder().apiKey("sk-x").start();
        RawClient c = new RawClient(fake, "Bearer sk-x")) {
      assertThat(c.responseHead()).startsWith("HTTP/1.1 101");
      c.awaitText("session.created");
      c.out.write(new byte[] {(byte) 0x81, 2, '{', '}'});
      assertThat(c.next()).startsWith("8:03ea"); // 1002 protocol error
      assertThat(c.in.read()).isEqualTo(-1);
    }
  }

  @Test
  void manyConnectionsOnOneLoopEachGetTheirOwnSessionAndCloseDropsThemAll() throws Exception {
    List<RawClient> clients = new ArrayList<>();
    FakeRealtimeServer fake = FakeRealtimeServer.builder().apiKey("sk-x").ioThreads(1).start();
    try {
      for (int i = 0; i < 60; i++) {
        clients.add(new RawClient(fake, "Bearer sk-x"));
      }
      for (int i = 0; i < clients.size(); i++) {
        assertThat(clients.get(i).responseHead()).startsWith("HTTP/1.1 101");
        assertThat(clients.get(i).awaitText("session.created")).contains("\"sess_");
      }
      assertThat(fake.connections()).hasSize(60);
      for (RawClient c : clients) {
        c.sendText("{\"type\":\"input_audio_buffer.clear\"}");
      }
      for (RawClient c : clients) {
        c.awaitText("input_audio_buffer.cleared");
      }
      fake.close();
      for (RawClient c : clients) {
        assertThat(dropped(c.in)).isTrue(); // without a close frame
      }
      assertThat(fake.connections()).allMatch(conn -> conn.closedFuture().isDone());
    } finally {
      fake.close();
      for (RawClient c : clients) {
        c.close();
      }
    }
  }
}
