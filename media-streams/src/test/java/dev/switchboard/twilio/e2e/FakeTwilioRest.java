package dev.switchboard.twilio.e2e;

import io.undertow.Undertow;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A local stand-in for api.twilio.com that records requests and answers like the Calls API. */
final class FakeTwilioRest implements AutoCloseable {

  record Recorded(String method, String path, String body, String authorization) {}

  final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private final Undertow undertow;
  final int port;

  FakeTwilioRest() {
    undertow =
        Undertow.builder()
            .addHttpListener(0, "127.0.0.1")
            .setIoThreads(1)
            .setWorkerThreads(1)
            .setHandler(
                exchange ->
                    exchange
                        .getRequestReceiver()
                        .receiveFullString(
                            (ex, body) -> {
                              requests.add(
                                  new Recorded(
                                      ex.getRequestMethod().toString(),
                                      ex.getRequestPath(),
                                      body,
                                      ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION)));
                              String sid =
                                  ex.getRequestPath()
                                      .replaceAll(".*/Calls/(CA[0-9a-f]+)\\.json", "$1");
                              ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
                              ex.getResponseSender()
                                  .send("{\"sid\":\"" + sid + "\",\"status\":\"completed\"}");
                            },
                            StandardCharsets.UTF_8))
            .build();
    undertow.start();
    port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() {
    undertow.stop();
  }
}
