package dev.switchboard.twilio.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.Await;
import io.undertow.Undertow;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamUpgrade} and {@link StreamSocket} against a scripted raw-socket client on 127.0.0.1:
 * the RFC 6455 handshake and its refusals, frames cut at every byte, fragmentation with a ping in
 * between, bytes sent right behind the upgrade request, each protocol error's close code, and both
 * closing handshakes.
 */
class StreamSocketIT {

  private static final int MAX = 1024;

  private Undertow server;
  private int port;
  private final List<String> events = new CopyOnWriteArrayList<>();
  private volatile StreamSocket socket;

  @BeforeEach
  void start() {
    start(0);
  }

  private void start(long idleTimeoutMillis) {
    server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(
                new StreamUpgrade(
                    MAX,
                    idleTimeoutMillis,
                    why -> events.add("refused:" + why),
                    s -> {
                      socket = s;
                      s.start(
                          new StreamSocket.Handler() {
                            @Override
                            public void onText(String text) {
                              events.add("text:" + text);
                            }

                            @Override
                            public void onProtocolError(int code, String problem) {
                              events.add("error:" + code);
                            }

                            @Override
                            public void onClosed() {
                              events.add("closed");
                            }

                            @Override
                            public void onIdle(long silentMillis) {
                              events.add("idle");
                            }
                          });
                    }))
            .build();
    server.start();
    port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  // ---- handshake ---------------------------------------------------------------------------

  @Test
  void theHandshakeAnswersWithTheAcceptKeyOfRfc6455() throws Exception {
    try (Socket s = connect()) {
      s.getOutputStream().write(request("dGhlIHNhbXBsZSBub25jZQ==", "13", "GET"));
      String head = readHead(s.getInputStream());
      assertThat(head).startsWith("HTTP/1.1 101");
      // The worked example of RFC 6455 section 1.3.
      assertThat(head).containsIgnoringCase("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
      assertThat(head).containsIgnoringCase("Upgrade: websocket");
    }
  }

  @Test
  void badUpgradeRequestsAreRefusedWithTheirStatus() throws Exception {
    assertThat(statusOf(request("dGhlIHNhbXBsZSBub25jZQ==", "8", "GET")))
        .startsWith("HTTP/1.1 426")
        .containsIgnoringCase("Sec-WebSocket-Version: 13");
    assertThat(statusOf(request("short", "13", "GET"))).startsWith("HTTP/1.1 400");
    assertThat(statusOf(request("dGhlIHNhbXBsZSBub25jZQ==", "13", "POST")))
        .startsWith("HTTP/1.1 405");
    byte[] plain = "GET /media HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(statusOf(plain)).startsWith("HTTP/1.1 400");
    assertThat(events)
        .containsExactly(
            "refused:426 only WebSocket version 13 is supported",
            "refused:400 missing or malformed Sec-WebSocket-Key",
            "refused:405 a WebSocket upgrade is a GET",
            "refused:400 not a WebSocket upgrade");
  }

  // ---- messages ----------------------------------------------------------------------------

  @Test
  void framesCutAtEveryByteAndFragmentsWithAPingBetweenArriveWhole() throws Exception {
    try (Socket s = upgraded()) {
      ByteArrayOutputStream script = new ByteArrayOutputStream();
      script.writeBytes(frame(0x01, "hel"));
      script.writeBytes(frame(0x89, "p1")); // a ping inside the fragmented message
      script.writeBytes(frame(0x80, "lo"));
      script.writeBytes(frame(0x81, "x".repeat(300))); // 16-bit length
      script.writeBytes(frame(0x81, "caf\u00e9")); // non-ASCII UTF-8
      OutputStream out = s.getOutputStream();
      for (byte b : script.toByteArray()) {
        out.write(b);
        out.flush();
      }
      DataInputStream in = new DataInputStream(s.getInputStream());
      assertThat(serverFrame(in)).isEqualTo("10:p1");
      Await.until("three messages", Duration.ofSeconds(5), () -> events.size() == 3);
      assertThat(events).containsExactly("text:hello", "text:" + "x".repeat(300), "text:caf\u00e9");
    }
  }

  @Test
  void aFrameSentRightBehindTheRequestIsNotLost() throws Exception {
    try (Socket s = connect()) {
      ByteArrayOutputStream both = new ByteArrayOutputStream();
      both.writeBytes(request("dGhlIHNhbXBsZSBub25jZQ==", "13", "GET"));
      both.writeBytes(frame(0x81, "{\"event\":\"connected\"}"));
      s.getOutputStream().write(both.toByteArray());
      assertThat(readHead(s.getInputStream())).startsWith("HTTP/1.1 101");
      Await.until("the early frame", Duration.ofSeconds(5), () -> events.size() == 1);
      assertThat(events).containsExactly("text:{\"event\":\"connected\"}");
    }
  }

  @Test
  void sendsQueuedTogetherArriveInOrder() throws Exception {
    try (Socket s = upgraded()) {
      Await.until("socket open", Duration.ofSeconds(5), () -> socket != null);
      StreamSocket server = socket;
      server
          .ioThread()
          .execute(
              () -> {
                server.sendText("one".getBytes(StandardCharsets.UTF_8));
                server.sendText("y".repeat(70_000).getBytes(StandardCharsets.UTF_8));
                server.sendText("three".getBytes(StandardCharsets.UTF_8));
                server.flush();
              });
      DataInputStream in = new DataInputStream(s.getInputStream());
      assertThat(serverFrame(in)).isEqualTo("1:one");
      assertThat(serverFrame(in)).isEqualTo("1:" + "y".repeat(70_000));
      assertThat(serverFrame(in)).isEqualTo("1:three");
    }
  }

  // ---- protocol errors ---------------------------------------------------------------------

  @Test
  void anUnmaskedFrameClosesWith1002() throws Exception {
    byte[] unmasked = {(byte) 0x81, 2, 'h', 'i'};
    assertThat(closeCodeAfter(unmasked)).isEqualTo(1002);
  }

  @Test
  void aBinaryMessageClosesWith1003() throws Exception {
    assertThat(closeCodeAfter(frame(0x82, "bin"))).isEqualTo(1003);
  }

  @Test
  void invalidUtf8ClosesWith1007() throws Exception {
    byte[] bad = {(byte) 0xC3, (byte) 0x28};
    assertThat(closeCodeAfter(frame(0x81, bad))).isEqualTo(1007);
  }

  @Test
  void aMessageOverTheLimitClosesWith1009() throws Exception {
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    two.writeBytes(frame(0x01, "a".repeat(MAX - 10)));
    two.writeBytes(frame(0x80, "b".repeat(20)));
    assertThat(closeCodeAfter(two.toByteArray())).isEqualTo(1009);
    assertThat(closeCodeAfter(frame(0x81, "c".repeat(MAX + 1)))).isEqualTo(1009);
  }

  @Test
  void aContinuationWithoutAMessageClosesWith1002() throws Exception {
    assertThat(closeCodeAfter(frame(0x80, "stray"))).isEqualTo(1002);
  }

  // ---- closing -----------------------------------------------------------------------------

  @Test
  void theClientsCloseIsEchoedThenTheServerClosesTcp() throws Exception {
    try (Socket s = upgraded()) {
      s.getOutputStream().write(frame(0x88, new byte[] {0x03, (byte) 0xE8, 'o', 'k'}));
      DataInputStream in = new DataInputStream(s.getInputStream());
      assertThat(serverFrame(in)).isEqualTo("8:1000");
      assertThat(in.read()).as("TCP closed by the server").isEqualTo(-1);
      Await.until("closed", Duration.ofSeconds(5), () -> events.contains("closed"));
    }
  }

  @Test
  void ourCloseEndsOnceTheClientAnswers() throws Exception {
    try (Socket s = upgraded()) {
      Await.until("socket open", Duration.ofSeconds(5), () -> socket != null);
      StreamSocket server = socket;
      server.ioThread().execute(() -> server.close(1008, "stream not authorised"));
      DataInputStream in = new DataInputStream(s.getInputStream());
      assertThat(serverFrame(in)).isEqualTo("8:1008");
      assertThat(server.open()).isFalse();
      s.getOutputStream().write(frame(0x88, new byte[] {0x03, (byte) 0xF0}));
      assertThat(in.read()).as("TCP closed after our close was answered").isEqualTo(-1);
      server.closedFuture().get(5, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  @Test
  void aSocketStaysOpenWhileFramesFlowAndIsDroppedOnceTheyStop() throws Exception {
    server.stop();
    start(300);
    try (Socket s = upgraded()) {
      // Twice the timeout of traffic every 60 ms: never idle.
      for (int i = 0; i < 10; i++) {
        s.getOutputStream().write(frame(0x81, "f" + i));
        Thread.sleep(60);
      }
      assertThat(events).doesNotContain("idle", "closed");
      DataInputStream in = new DataInputStream(s.getInputStream());
      // Then nothing: the server says it is going away and closes TCP.
      assertThat(serverFrame(in)).isEqualTo("8:1001");
      assertThat(in.read()).isEqualTo(-1);
      Await.until("closed", Duration.ofSeconds(5), () -> events.contains("closed"));
      assertThat(events).filteredOn(e -> e.startsWith("text:")).hasSize(10);
      assertThat(events).containsSubsequence("idle", "closed");
    }
  }

  // ---- helpers -----------------------------------------------------------------------------

  private Socket connect() throws IOException {
    Socket s = new Socket("127.0.0.1", port);
    s.setSoTimeout(5000);
    s.setTcpNoDelay(true);
    return s;
  }

  private Socket upgraded() throws IOException {
    Socket s = connect();
    s.getOutputStream().write(request("dGhlIHNhbXBsZSBub25jZQ==", "13", "GET"));
    assertThat(readHead(s.getInputStream())).startsWith("HTTP/1.1 101");
    return s;
  }

  private int closeCodeAfter(byte[] bytes) throws IOException {
    try (Socket s = upgraded()) {
      s.getOutputStream().write(bytes);
      DataInputStream in = new DataInputStream(s.getInputStream());
      String close = serverFrame(in);
      assertThat(close).startsWith("8:");
      return Integer.parseInt(close.substring(2));
    }
  }

  private String statusOf(byte[] request) throws IOException {
    try (Socket s = connect()) {
      s.getOutputStream().write(request);
      return readHead(s.getInputStream());
    }
  }

  private byte[] request(String key, String version, String method) {
    return (method
            + " /media HTTP/1.1\r\nHost: 127.0.0.1:"
            + port
            + "\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\n"
            + "Sec-WebSocket-Key: "
            + key
            + "\r\nSec-WebSocket-Version: "
            + version
            + "\r\nContent-Length: 0\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private static String readHead(InputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      head.append((char) b);
    }
    return head.toString();
  }

  /** A client frame (masked, section 5.3) with first byte {@code b0}. */
  private static byte[] frame(int b0, String text) {
    return frame(b0, text.getBytes(StandardCharsets.UTF_8));
  }

  private static byte[] frame(int b0, byte[] payload) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    o.write(b0);
    int n = payload.length;
    if (n < 126) {
      o.write(0x80 | n);
    } else {
      o.write(0x80 | 126);
      o.write(n >> 8);
      o.write(n);
    }
    byte[] key = {0x37, (byte) 0xFA, 0x21, 0x3D};
    o.writeBytes(key);
    for (int i = 0; i < n; i++) {
      o.write(payload[i] ^ key[i & 3]);
    }
    return o.toByteArray();
  }

  /** "opcode:text" of the next server frame; a close frame as "8:code". */
  private static String serverFrame(DataInputStream in) throws IOException {
    int b0 = in.readUnsignedByte();
    int b1 = in.readUnsignedByte();
    assertThat(b1 & 0x80).as("server frames are not masked").isZero();
    long len = b1 & 0x7F;
    if (len == 126) {
      len = in.readUnsignedShort();
    } else if (len == 127) {
      len = in.readLong();
    }
    byte[] data = in.readNBytes((int) len);
    int opcode = b0 & 0x0F;
    if (opcode == 8) {
      return "8:" + (((data[0] & 0xFF) << 8) | (data[1] & 0xFF));
    }
    return opcode + ":" + new String(data, StandardCharsets.UTF_8);
  }
}
