package dev.switchboard.twilio;

import io.undertow.Undertow;
import java.net.InetSocketAddress;

/**
 * A small standalone Undertow server for {@link TwilioEndpoints} (tests, the load benchmark, single
 * node demos). Production mounts {@link TwilioEndpoints#routes()} on the server module's Undertow.
 */
public final class TwilioServer implements AutoCloseable {

  private final Undertow undertow;
  private final int port;

  private TwilioServer(Undertow undertow) {
    this.undertow = undertow;
    this.port = ((InetSocketAddress) undertow.getListenerInfo().get(0).getAddress()).getPort();
  }

  /**
   * Starts on {@code host:port} ({@code port} 0 picks a free one).
   *
   * @param ioThreads Undertow IO threads (one per core is plenty: handlers never block)
   */
  public static TwilioServer start(
      TwilioEndpoints endpoints, String host, int port, int ioThreads) {
    Undertow u =
        Undertow.builder()
            .addHttpListener(port, host)
            .setIoThreads(ioThreads)
            .setWorkerThreads(2)
            .setHandler(endpoints.routes())
            .build();
    u.start();
    return new TwilioServer(u);
  }

  /**
   * A standalone node for the load benchmark: {@code --port 18080 --token T --openai-url
   * ws://127.0.0.1:18790/v1/realtime --openai-key K --capacity 1000}. Number {@code +15550000001}
   * transcodes (pcm16/24000 to the model), {@code +15550000002} passes μ-law through; callers speak
   * first (no greeting). Runs until killed.
   */
  public static void main(String[] args) throws InterruptedException {
    java.util.Map<String, String> a = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      a.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int port = Integer.parseInt(a.getOrDefault("port", "18080"));
    TwilioServer server =
        loadTestNode(
            "127.0.0.1",
            port,
            a.getOrDefault("token", "load-test-token"),
            a.getOrDefault("openai-url", "ws://127.0.0.1:18790/v1/realtime"),
            a.getOrDefault("openai-key", "sk-load"),
            Integer.parseInt(a.getOrDefault("capacity", "1000")),
            Integer.parseInt(a.getOrDefault("io-threads", "2")));
    System.out.println(
        "Twilio endpoints on port " + server.port() + ", pid " + ProcessHandle.current().pid());
    Thread.currentThread().join();
  }

  /**
   * The load-test node {@link #main} runs, also started in-process by tests: number {@code
   * +15550000001} transcodes (pcm16/24000 to the model), {@code +15550000002} passes μ-law through;
   * callers speak first.
   *
   * @param port a concrete port, not 0: the public URL {@code http://host:port} is what Twilio
   *     signs (X-Twilio-Signature covers the full URL)
   */
  public static TwilioServer loadTestNode(
      String host,
      int port,
      String authToken,
      String openAiUrl,
      String openAiKey,
      int capacity,
      int ioThreads) {
    if (port <= 0) {
      throw new IllegalArgumentException("load-test node needs a concrete port, got " + port);
    }
    TwilioConfig config =
        TwilioConfig.of(java.net.URI.create("http://" + host + ":" + port), authToken)
            .withCapacity(capacity, null);
    var backend =
        new dev.switchboard.bridge.openai.OpenAiRealtimeBackend(
            dev.switchboard.bridge.openai.OpenAiConfig.of(openAiKey).withRealtimeUrl(openAiUrl));
    TwilioFlow transcode =
        flow("transcode", backend, dev.switchboard.transcoding.AudioFormat.PCM16_24K);
    TwilioFlow passthrough =
        flow("passthrough", backend, dev.switchboard.transcoding.AudioFormat.PCMU_8K);
    TwilioEndpoints endpoints =
        TwilioEndpoints.builder()
            .config(config)
            .flows(
                (to, params) ->
                    switch (to) {
                      case "+15550000001" -> transcode;
                      case "+15550000002" -> passthrough;
                      default -> null;
                    })
            .build();
    return start(endpoints, host, port, ioThreads);
  }

  private static TwilioFlow flow(
      String name,
      dev.switchboard.bridge.backend.RealtimeBackend backend,
      dev.switchboard.transcoding.AudioFormat format) {
    var session =
        new dev.switchboard.bridge.backend.SessionConfig(
            null, "Be brief.", null, format, format, null, null, null, null, java.util.List.of());
    return new TwilioFlow(name, backend, dev.switchboard.bridge.call.CallConfig.of(session), null);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    undertow.stop();
  }
}
