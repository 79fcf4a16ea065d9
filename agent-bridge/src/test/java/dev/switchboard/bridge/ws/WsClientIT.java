package dev.switchboard.bridge.ws;

import static dev.switchboard.bridge.ws.WsTestPeer.accept;
import static dev.switchboard.bridge.ws.WsTestPeer.answer101;
import static dev.switchboard.bridge.ws.WsTestPeer.clientFrame;
import static dev.switchboard.bridge.ws.WsTestPeer.frame;
import static dev.switchboard.bridge.ws.WsTestPeer.readRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link WsClient} against a scripted RFC 6455 peer on 127.0.0.1 (every read bounded). */
class WsClientIT {

  private ServerSocket server;

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    server.setSoTimeout(5000);
  }

  @AfterEach
  void close() throws IOException {
    server.close();
  }

  private URI uri() {
    return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/v1/realtime?model=m");
  }

  @Test
  void fragmentsPingsTextAndAServerInitiatedClose() throws Exception {
    RecordingListener rec = new RecordingListener();
    CompletableFuture<List<String>> peer =
        CompletableFuture.supplyAsync(
            () -> {
              try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                List<String> request = readRequest(in);
                answer101(out, accept(request));
                frame(out, 0x01, "hel".getBytes());
                frame(out, 0x89, "p1".getBytes());
                frame(out, 0x80, "lo".getBytes());
                DataInputStream din = new DataInputStream(in);
                Object[] pong = clientFrame(din);
                assertThat(pong[0]).isEqualTo(0xA);
                assertThat(new String((byte[]) pong[1])).isEqualTo("p1");
                Object[] text = clientFrame(din);
                assertThat(text[0]).isEqualTo(0x1);
                String got = new String((byte[]) text[1], StandardCharsets.UTF_8);
                frame(out, 0x88, new byte[] {0x03, (byte) 0xE8, 'b', 'y', 'e'});
                Object[] close = clientFrame(din);
                assertThat(close[0]).isEqualTo(0x8);
                byte[] c = (byte[]) close[1];
                assertThat(((c[0] & 0xFF) << 8) | (c[1] & 0xFF)).isEqualTo(1000);
                assertThat(in.read()).as("client closes TCP after the handshake").isEqualTo(-1);
                return List.of(String.join("\n", request), got);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    WebSocket ws =
        WsClient.connect(uri(), Map.of("Authorization", "Bearer sk-x"), Duration.ofSeconds(5), rec)
            .get(5, TimeUnit.SECONDS);
    String big = "é" + "x".repeat(1300);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!rec.events.contains("text:hello") && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertThat(ws.sendText(big, true)).isCompleted();
    List<String> result = peer.get(10, TimeUnit.SECONDS);
    rec.closed.get(5, TimeUnit.SECONDS);
    assertThat(result.get(0))
        .startsWith("GET /v1/realtime?model=m HTTP/1.1")
        .contains("Host: 127.0.0.1:" + server.getLocalPort())
        .contains("Upgrade: websocket")
        .contains("Sec-WebSocket-Version: 13")
        .contains("Authorization: Bearer sk-x");
    assertThat(result.get(1)).isEqualTo(big);
    assertThat(rec.events).containsExactly("open", "ping:p1", "text:hello", "close:1000:bye");
    assertThat(ws.isInputClosed()).isTrue();
    assertThat(ws.isOutputClosed()).isTrue();
  }

  @Test
  void clientCloseWaitsForTheEchoThenEnds() throws Exception {
    RecordingListener rec = new RecordingListener();
    CompletableFuture<Integer> peer =
        CompletableFuture.supplyAsync(
            () -> {
              try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                answer101(s.getOutputStream(), accept(readRequest(in)));
                Object[] close = clientFrame(new DataInputStream(in));
                byte[] c = (byte[]) close[1];
                frame(s.getOutputStream(), 0x88, new byte[] {c[0], c[1]});
                return in.read();
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    WebSocket ws =
        WsClient.connect(uri(), Map.of(), Duration.ofSeconds(5), rec).get(5, TimeUnit.SECONDS);
    ws.sendClose(1000, "call ended").get(5, TimeUnit.SECONDS);
    assertThat(ws.sendText("late", true)).isCompletedExceptionally();
    assertThat(peer.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
    rec.closed.get(5, TimeUnit.SECONDS);
    assertThat(rec.events).containsExactly("open", "close:1000:");
  }

  @Test
  void refusedUpgradeCarriesTheHttpStatus() throws Exception {
    CompletableFuture.runAsync(
        () -> {
          try (Socket s = server.accept()) {
            readRequest(s.getInputStream());
            s.getOutputStream()
                .write("HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n".getBytes());
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
        });
    assertThatThrownBy(
            () ->
                WsClient.connect(uri(), Map.of(), Duration.ofSeconds(5), new RecordingListener())
                    .get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOfSatisfying(
            WsHandshakeException.class, e -> assertThat(e.statusCode()).isEqualTo(401));
  }

  @Test
  void wrongAcceptIsRefused() throws Exception {
    CompletableFuture.runAsync(
        () -> {
          try (Socket s = server.accept()) {
            readRequest(s.getInputStream());
            answer101(s.getOutputStream(), "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
          } catch (IOException e) {
            throw new RuntimeException(e);
          }
        });
    assertThatThrownBy(
            () ->
                WsClient.connect(uri(), Map.of(), Duration.ofSeconds(5), new RecordingListener())
                    .get(5, TimeUnit.SECONDS))
        .cause()
        .isInstanceOf(WsHandshakeException.class)
        .hasMessageContaining("Sec-WebSocket-Accept");
  }

  @Test
  void headerInjectionIsRejectedWithoutEchoingTheValue() {
    CompletableFuture.runAsync(
        () -> {
          try (Socket s = server.accept()) {
            s.getInputStream().read();
          } catch (IOException ignored) {
            // the client gives up before sending
          }
        });
    assertThatThrownBy(
            () ->
                WsClient.connect(
                        uri(),
                        Map.of("Authorization", "Bearer sk-secret\r\nX: y"),
                        Duration.ofSeconds(5),
                        new RecordingListener())
                    .get(5, TimeUnit.SECONDS))
        .cause()
        .hasMessageContaining("Authorization")
        .hasMessageNotContaining("sk-secret");
  }
}
