package dev.switchboard.twilio.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.ws.WsClient;
import dev.switchboard.testkit.Await;
import io.undertow.Undertow;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamSender} on a real Undertow socket (127.0.0.1): messages queued together leave in
 * order through one gathered flush, every send completes, and single sends after a batch are not
 * left waiting for an explicit flush.
 */
class StreamSenderIT {

  private static final StreamSocket.Handler NO_EVENTS =
      new StreamSocket.Handler() {
        @Override
        public void onText(String text) {}

        @Override
        public void onProtocolError(int code, String problem) {}

        @Override
        public void onClosed() {}
      };

  private Undertow server;
  private final CompletableFuture<StreamSender> sender = new CompletableFuture<>();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private WebSocket client;

  @BeforeEach
  void start() throws Exception {
    server =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setHandler(
                new StreamUpgrade(
                    64 * 1024,
                    socket -> {
                      socket.start(NO_EVENTS);
                      sender.complete(new StreamSender(socket));
                    }))
            .build();
    server.start();
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    client =
        WsClient.connect(
                URI.create("ws://127.0.0.1:" + port + "/"),
                Map.of(),
                Duration.ofSeconds(5),
                new WebSocket.Listener() {
                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    received.add(data.toString());
                    ws.request(1);
                    return null;
                  }
                })
            .get(5, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() {
    client.abort();
    server.stop();
  }

  @Test
  void aBatchQueuedOnTheIoThreadArrivesInOrderAndEverySendCompletes() throws Exception {
    StreamSender s = sender.get(5, TimeUnit.SECONDS);
    CompletableFuture<Void> queued = new CompletableFuture<>();
    // As a playout pump on the IO thread: media + mark, then a second frame's pair as UTF-8.
    s.ioThread()
        .execute(
            () -> {
              s.send("media-1");
              s.send("mark-1");
              s.sendUtf8("media-2".getBytes(java.nio.charset.StandardCharsets.UTF_8));
              s.send("mark-2");
              queued.complete(null);
            });
    queued.get(5, TimeUnit.SECONDS);
    Await.until("the batch arrives", Duration.ofSeconds(5), () -> received.size() == 4);
    assertThat(received).containsExactly("media-1", "mark-1", "media-2", "mark-2");
    Await.until("every send completed", Duration.ofSeconds(5), () -> s.inFlight() == 0);

    // A lone send afterwards goes out at once: explicit flushing was switched off again.
    s.send("media-3");
    Await.until("the lone send arrives", Duration.ofSeconds(5), () -> received.size() == 5);
    assertThat(received.get(4)).isEqualTo("media-3");
    Await.until("it completed", Duration.ofSeconds(5), () -> s.inFlight() == 0);
    assertThat(s.dropped()).isZero();
    assertThat(s.failed()).isZero();
  }

  @Test
  void aCloseAfterABatchFollowsIt() throws Exception {
    StreamSender s = sender.get(5, TimeUnit.SECONDS);
    s.ioThread()
        .execute(
            () -> {
              s.send("media-1");
              s.send("mark-1");
              s.close(1000, "done");
            });
    s.closedFuture().get(5, TimeUnit.SECONDS);
    assertThat(received).containsExactly("media-1", "mark-1");
  }
}
