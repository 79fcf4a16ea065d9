package dev.switchboard.bridge.ws;

import static dev.switchboard.bridge.ws.WsTestPeer.accept;
import static dev.switchboard.bridge.ws.WsTestPeer.answer101;
import static dev.switchboard.bridge.ws.WsTestPeer.await;
import static dev.switchboard.bridge.ws.WsTestPeer.clientFrame;
import static dev.switchboard.bridge.ws.WsTestPeer.readRequest;
import static dev.switchboard.bridge.ws.WsTestPeer.serverFrame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The NIO transport of {@link WsConnection} against scripted peers on 127.0.0.1: frames cut at
 * every byte, many connections on one loop thread, demand, and a server that stops reading.
 */
class WsNioIT {

  private ServerSocket server;

  @BeforeEach
  void listen() throws IOException {
    server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
    server.setSoTimeout(5000);
  }

  @AfterEach
  void close() throws IOException {
    server.close();
  }

  private URI uri() {
    return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws");
  }

  /** A client connection whose listener only records (and keeps demanding). */
  private WsConnection connectQuietly() throws Exception {
    return (WsConnection)
        WsClient.connect(uri(), Map.of(), Duration.ofSeconds(5), new RecordingListener(true))
            .get(5, TimeUnit.SECONDS);
  }

  /** Accepts one client and answers its upgrade; the socket stays open for the script. */
  private Socket acceptUpgraded() throws Exception {
    Socket s = server.accept();
    s.setSoTimeout(5000);
    s.setTcpNoDelay(true);
    answer101(s.getOutputStream(), accept(readRequest(s.getInputStream())));
    return s;
  }

  @Test
  void framesArrivingOneByteAtATimeAreReassembled() throws Exception {
    String mid = "m".repeat(300); // 16-bit length
    String big = "b".repeat(70_000); // 64-bit length
    ByteArrayOutputStream script = new ByteArrayOutputStream();
    script.writeBytes(serverFrame(0x01, "hel".getBytes()));
    script.writeBytes(serverFrame(0x89, "p1".getBytes()));
    script.writeBytes(serverFrame(0x80, "lo".getBytes()));
    script.writeBytes(serverFrame(0x81, mid.getBytes()));
    script.writeBytes(serverFrame(0x81, big.getBytes()));
    byte[] bytes = script.toByteArray();
    CountDownLatch checked = new CountDownLatch(1);
    CompletableFuture<String> pong =
        CompletableFuture.supplyAsync(
            () -> {
              try (Socket s = acceptUpgraded()) {
                OutputStream out = s.getOutputStream();
                // Byte by byte (each its own segment with TCP_NODELAY) through every header and
                // into the big frame's payload; its rest in larger writes.
                for (int i = 0; i < bytes.length; i++) {
                  if (i < 2000) {
                    out.write(bytes[i]);
                  } else {
                    int n = Math.min(4096, bytes.length - i);
                    out.write(bytes, i, n);
                    i += n - 1;
                  }
                }
                Object[] frame = clientFrame(new DataInputStream(s.getInputStream()));
                checked.await(5, TimeUnit.SECONDS); // closing early would add an error event
                return frame[0] + ":" + new String((byte[]) frame[1], StandardCharsets.UTF_8);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    RecordingListener rec = new RecordingListener(true);
    WebSocket ws =
        WsClient.connect(uri(), Map.of(), Duration.ofSeconds(5), rec).get(5, TimeUnit.SECONDS);
    await("five events", () -> rec.events.size() >= 5);
    List<String> events = List.copyOf(rec.events);
    checked.countDown();
    // Compared as a list of short strings: a failure must not print 70,000 characters.
    assertThat(events.stream().map(e -> e.length() > 40 ? e.substring(0, 8) + e.length() : e))
        .containsExactly(
            "open", "ping:p1", "text:hello", "text:mmm" + (5 + 300), "text:bbb" + (5 + 70_000));
    assertThat(events.get(3)).isEqualTo("text:" + mid);
    assertThat(events.get(4)).isEqualTo("text:" + big);
    assertThat(pong.get(5, TimeUnit.SECONDS)).isEqualTo("10:p1");
    ws.abort();
  }

  @Test
  void manyConnectionsShareOneLoopThread() throws Exception {
    int connections = 40;
    int messages = 25;
    CountDownLatch checked = new CountDownLatch(1);
    CompletableFuture<Void> peers =
        CompletableFuture.runAsync(
            () -> {
              List<Thread> echoes = new ArrayList<>();
              try {
                for (int c = 0; c < connections; c++) {
                  Socket s = acceptUpgraded();
                  echoes.add(Thread.ofVirtual().start(() -> echo(s, messages, checked)));
                }
                for (Thread t : echoes) {
                  t.join();
                }
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    WsEventLoop loop = new WsEventLoop();
    List<RecordingListener> recs = new ArrayList<>();
    List<WebSocket> sockets = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      RecordingListener rec = new RecordingListener(true);
      recs.add(rec);
      sockets.add(
          WsClient.connect(uri(), Map.of(), Duration.ofSeconds(5), rec, null, loop)
              .get(5, TimeUnit.SECONDS));
    }
    for (int m = 0; m < messages; m++) {
      for (int c = 0; c < connections; c++) {
        assertThat(sockets.get(c).sendText("c" + c + "-m" + m, true)).isCompleted();
      }
    }
    for (int c = 0; c < connections; c++) {
      RecordingListener rec = recs.get(c);
      await("echoes of connection " + c, () -> rec.events.size() >= messages + 1);
      List<String> expected = new ArrayList<>(List.of("open"));
      for (int m = 0; m < messages; m++) {
        expected.add("text:c" + c + "-m" + m);
      }
      assertThat(rec.events).as("connection %d", c).isEqualTo(expected);
    }
    Set<String> threads = ConcurrentHashMap.newKeySet();
    recs.forEach(r -> threads.addAll(r.threads));
    assertThat(threads).hasSize(1).allMatch(name -> name.startsWith("ws-io-"));
    checked.countDown();
    sockets.forEach(WebSocket::abort);
    peers.get(5, TimeUnit.SECONDS);
  }

  /** Echoes {@code count} client texts back as server texts, then holds on until released. */
  private static void echo(Socket s, int count, CountDownLatch release) {
    try (s) {
      DataInputStream in = new DataInputStream(s.getInputStream());
      for (int i = 0; i < count; i++) {
        Object[] frame = clientFrame(in);
        s.getOutputStream().write(serverFrame(0x81, (byte[]) frame[1]));
      }
      release.await(5, TimeUnit.SECONDS);
    } catch (IOException | InterruptedException e) {
      throw new RuntimeException(e);
    }
  }

  @Test
  void withoutDemandDeliveryStopsAndResumesOnRequest() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Void> written = new CompletableFuture<>();
    CompletableFuture<Void> peer =
        CompletableFuture.runAsync(
            () -> {
              try (Socket s = acceptUpgraded()) {
                for (int i = 1; i <= 3; i++) {
                  s.getOutputStream().write(serverFrame(0x81, ("m" + i).getBytes()));
                }
                written.complete(null);
                release.await(5, TimeUnit.SECONDS);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    RecordingListener rec =
        new RecordingListener(false); // onOpen asks for one message, onText for none
    WsConnection ws =
        (WsConnection)
            WsClient.connect(uri(), Map.of(), Duration.ofSeconds(5), rec).get(5, TimeUnit.SECONDS);
    written.get(5, TimeUnit.SECONDS);
    // Paused means m1 was delivered and m2 waits for demand (the loop stopped reading).
    await("reading paused", ws::readPausedForTest);
    assertThat(rec.events).containsExactly("open", "text:m1");
    ws.request(1);
    await("m2", () -> rec.events.size() == 3);
    await("reading paused again", ws::readPausedForTest);
    assertThat(rec.events).containsExactly("open", "text:m1", "text:m2");
    ws.request(5);
    await("m3", () -> rec.events.size() == 4);
    assertThat(rec.events).containsExactly("open", "text:m1", "text:m2", "text:m3");
    release.countDown();
    peer.get(5, TimeUnit.SECONDS);
    ws.abort();
  }

  @Test
  void aServerThatNeverReadsNeverBlocksTheSender() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    CompletableFuture<Void> peer =
        CompletableFuture.runAsync(
            () -> {
              try (Socket s = acceptUpgraded()) {
                done.await(10, TimeUnit.SECONDS); // never reads
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    RecordingListener rec = new RecordingListener(true);
    WsConnection ws =
        (WsConnection)
            WsClient.connect(uri(), Map.of(), Duration.ofSeconds(5), rec).get(5, TimeUnit.SECONDS);
    String tenMegabytes = "x".repeat(10 * 1024 * 1024);
    long start = System.nanoTime();
    CompletableFuture<WebSocket> big = ws.sendText(tenMegabytes, true);
    CompletableFuture<WebSocket> next = ws.sendText("after", true);
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(elapsedMillis)
        .as("sending returns without waiting for the network")
        .isLessThan(2000);
    assertThat(big).isNotDone();
    assertThat(next).isNotDone();
    assertThat(ws.pendingBytesForTest()).isGreaterThan(WsOutput.HIGH_WATER_BYTES);
    ws.abort();
    assertThat(big).isCompletedExceptionally();
    assertThat(next).isCompletedExceptionally();
    assertThat(ws.pendingBytesForTest()).isZero();
    assertThat(ws.channelClosedForTest()).isTrue();
    assertThat(ws.sendText("later", true)).isCompletedExceptionally();
    assertThat(rec.events).containsExactly("open"); // abort is quiet
    done.countDown();
    peer.get(5, TimeUnit.SECONDS);
  }

  @Test
  void aBatchIsHeldBackUntilItEndsThenWrittenInOrder() throws Exception {
    CompletableFuture<List<String>> peer =
        CompletableFuture.supplyAsync(
            () -> {
              try (Socket s = acceptUpgraded()) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                List<String> got = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                  Object[] f = clientFrame(in);
                  byte[] p = (byte[]) f[1];
                  got.add(
                      (int) f[0] == 8
                          ? "close:" + ((p[0] & 0xFF) << 8 | p[1] & 0xFF) + new String(p, 2, 3)
                          : f[0] + ":" + new String(p, StandardCharsets.UTF_8));
                }
                return got;
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    WsConnection ws = connectQuietly();
    List<Integer> heldInside = new ArrayList<>();
    List<CompletableFuture<WebSocket>> sends = new ArrayList<>();
    WsClient.batch(
        ws,
        () -> {
          sends.add(ws.sendText("media-1", true));
          heldInside.add(ws.pendingBytesForTest());
          // Nested batches hold until the outermost ends.
          WsClient.batch(ws, () -> sends.add(ws.sendText("mark-1", true)));
          heldInside.add(ws.pendingBytesForTest());
          sends.add(ws.sendText("mark-2", true));
        });
    assertThat(heldInside.get(0)).as("held inside the batch").isEqualTo(6 + 7);
    assertThat(heldInside.get(1)).as("still held after a nested batch").isEqualTo(13 + 6 + 6);
    assertThat(sends).allSatisfy(f -> assertThat(f).isCompleted());
    await("batch written", () -> ws.pendingBytesForTest() == 0);
    // After the batch, sends write at once again; a batch may also end with a close frame.
    ws.sendText("media-2", true);
    assertThat(ws.pendingBytesForTest()).isZero();
    WsClient.batch(ws, () -> ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye"));
    assertThat(peer.get(5, TimeUnit.SECONDS))
        .containsExactly("1:media-1", "1:mark-1", "1:mark-2", "1:media-2", "close:1000bye");
    ws.abort();
  }

  @Test
  void aBatchOnAForeignSocketJustRuns() {
    List<String> ran = new ArrayList<>();
    WsClient.batch(null, () -> ran.add("sent"));
    assertThat(ran).containsExactly("sent");
  }

  @Test
  void pendingBytesDrainOnceTheServerReadsAndTheFutureCompletes() throws Exception {
    CountDownLatch startReading = new CountDownLatch(1);
    CompletableFuture<String> peer =
        CompletableFuture.supplyAsync(
            () -> {
              try (Socket s = acceptUpgraded()) {
                startReading.await(5, TimeUnit.SECONDS);
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] big = (byte[]) clientFrame(in)[1];
                byte[] small = (byte[]) clientFrame(in)[1];
                return big.length
                    + ":"
                    + (char) big[0]
                    + (char) big[big.length - 1]
                    + ":"
                    + new String(small, StandardCharsets.UTF_8);
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    WsConnection ws = connectQuietly();
    String payload = "a" + "y".repeat(16 * 1024 * 1024) + "z";
    CompletableFuture<WebSocket> big = ws.sendText(payload, true);
    assertThat(big).isNotDone();
    CompletableFuture<WebSocket> small = ws.sendText("tail", true);
    startReading.countDown();
    big.get(5, TimeUnit.SECONDS);
    small.get(5, TimeUnit.SECONDS);
    assertThat(peer.get(5, TimeUnit.SECONDS)).isEqualTo(payload.length() + ":az:tail");
    await("all written", () -> ws.pendingBytesForTest() == 0);
    ws.abort();
  }

  @Test
  void aServerThatNeverAnswersTheUpgradeTimesOut() throws Exception {
    CountDownLatch done = new CountDownLatch(1);
    CompletableFuture<Void> peer =
        CompletableFuture.runAsync(
            () -> {
              try (Socket s = server.accept()) {
                done.await(10, TimeUnit.SECONDS); // reads the request, never answers
              } catch (Exception e) {
                throw new RuntimeException(e);
              }
            });
    long start = System.nanoTime();
    CompletableFuture<WebSocket> connecting =
        WsClient.connect(uri(), Map.of(), Duration.ofMillis(300), new RecordingListener(true));
    assertThatThrownBy(() -> connecting.get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .isInstanceOf(HttpTimeoutException.class)
        .hasMessageContaining("upgrade answer");
    assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(300);
    done.countDown();
    peer.get(5, TimeUnit.SECONDS);
  }
}
