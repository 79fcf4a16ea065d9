package dev.switchboard.twilio.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.CallEventListener;
import dev.switchboard.bridge.call.Termination;
import dev.switchboard.bridge.openai.OpenAiConfig;
import dev.switchboard.bridge.openai.OpenAiRealtimeBackend;
import dev.switchboard.bridge.tools.HangUpTool;
import dev.switchboard.bridge.tools.TransferTool;
import dev.switchboard.testkit.realtime.FakeConnection;
import dev.switchboard.testkit.realtime.FakeRealtimeServer;
import dev.switchboard.testkit.twilio.TwilioSimulator;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.twilio.TwilioConfig;
import dev.switchboard.twilio.TwilioEndpoints;
import dev.switchboard.twilio.TwilioFlow;
import dev.switchboard.twilio.TwilioServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * The whole Twilio path on 127.0.0.1: simulators → real Undertow ({@link TwilioServer}) → call
 * sessions → OpenAI backend → {@link FakeRealtimeServer}. Flows by called number: {@link
 * #TRANSCODE} (pcm16/24000 to the model), {@link #PASSTHROUGH} (pcmu/8000 both ways), {@link
 * #DTMF_HANDLER} (digits to a handler).
 */
final class TwilioHarness implements AutoCloseable {

  static final String TOKEN = "test-auth-token-5f1c2a9e";
  static final String KEY = "sk-test-harness";
  static final String TRANSCODE = "+15550000001";
  static final String PASSTHROUGH = "+15550000002";
  static final String DTMF_HANDLER = "+15550000003";
  static final String SALES = "+15559998888";

  final FakeRealtimeServer fake;
  final TwilioEndpoints endpoints;
  final TwilioServer server;
  final String baseUrl;
  final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "twilio-sim-timer");
            t.setDaemon(true);
            return t;
          });
  final Map<String, CompletableFuture<Termination>> terminations = new ConcurrentHashMap<>();
  final Map<String, List<CallEvent>> events = new ConcurrentHashMap<>();

  /** The thread the control loop handed each caller frame to listeners on, per call. */
  final Map<String, List<String>> callerAudioThreads = new ConcurrentHashMap<>();

  final List<Character> handlerDigits = new CopyOnWriteArrayList<>();
  private final List<TwilioSimulator> sims = new ArrayList<>();
  private int seed;

  TwilioHarness(Consumer<FakeRealtimeServer.Builder> fakeSettings, TwilioConfigurer configurer) {
    this(fakeSettings, configurer, TwilioEndpoints.DEFAULT_STREAM_IDLE_TIMEOUT);
  }

  TwilioHarness(
      Consumer<FakeRealtimeServer.Builder> fakeSettings,
      TwilioConfigurer configurer,
      java.time.Duration streamIdleTimeout) {
    FakeRealtimeServer.Builder fb = FakeRealtimeServer.builder().apiKey(KEY);
    fakeSettings.accept(fb);
    this.fake = fb.start();
    int port = freePort();
    this.baseUrl = "http://127.0.0.1:" + port;
    OpenAiRealtimeBackend backend =
        new OpenAiRealtimeBackend(OpenAiConfig.of(KEY).withRealtimeUrl(fake.url()));
    TwilioConfig config = configurer.apply(TwilioConfig.of(URI.create(baseUrl), TOKEN));
    CallConfig base =
        CallConfig.of(session(AudioFormat.PCM16_24K))
            .withGreeting("Greet the caller.")
            .withTools(List.of(new HangUpTool(), new TransferTool(Map.of("sales", SALES))));
    TwilioFlow transcode = new TwilioFlow("transcode", backend, base, null);
    TwilioFlow passthrough =
        new TwilioFlow(
            "passthrough",
            backend,
            new CallConfig(
                session(AudioFormat.PCMU_8K),
                base.greeting(),
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                base.tools()),
            null);
    TwilioFlow dtmf =
        new TwilioFlow(
            "menu",
            backend,
            base.withGreeting(null).withDtmf(CallConfig.DtmfMode.HANDLER),
            (digit, call) -> handlerDigits.add(digit));
    this.endpoints =
        TwilioEndpoints.builder()
            .config(config)
            .flows(
                (to, params) ->
                    switch (to) {
                      case TRANSCODE -> transcode;
                      case PASSTHROUGH -> passthrough;
                      case DTMF_HANDLER -> dtmf;
                      default -> null;
                    })
            .listeners(
                info -> {
                  List<CallEvent> list = new CopyOnWriteArrayList<>();
                  events.put(info.carrierCallId(), list);
                  List<String> threads = new CopyOnWriteArrayList<>();
                  callerAudioThreads.put(info.carrierCallId(), threads);
                  return List.<CallEventListener>of(
                      list::add,
                      new CallEventListener() {
                        @Override
                        public void onEvent(CallEvent event) {}

                        @Override
                        public void onCallerAudio(
                            java.time.Duration at, dev.switchboard.transcoding.PcmFrame frame) {
                          threads.add(Thread.currentThread().getName());
                        }
                      });
                })
            .onCallEnded((info, t) -> termination(info.carrierCallId()).complete(t))
            .streamIdleTimeout(streamIdleTimeout)
            .build();
    this.server = TwilioServer.start(endpoints, "127.0.0.1", port, 1);
  }

  TwilioHarness() {
    this(b -> {}, c -> c);
  }

  /** Adjusts the Twilio config before the endpoints are built. */
  @FunctionalInterface
  interface TwilioConfigurer {
    TwilioConfig apply(TwilioConfig c);
  }

  static SessionConfig session(AudioFormat format) {
    return new SessionConfig(
        null, "Be brief.", null, format, format, null, null, null, null, List.of());
  }

  CompletableFuture<Termination> termination(String callSid) {
    return terminations.computeIfAbsent(callSid, k -> new CompletableFuture<>());
  }

  /** A simulator for {@code to} (closed with the harness). */
  synchronized TwilioSimulator simulator(String to) {
    TwilioSimulator s = TwilioSimulator.create(baseUrl, TOKEN, to, 1000 + seed++);
    sims.add(s);
    return s;
  }

  /** Dials, connects and starts real-time ticking. */
  TwilioSimulator call(String to) throws IOException, InterruptedException {
    TwilioSimulator s = simulator(to);
    s.dial();
    s.connect();
    s.runRealTime(timer);
    return s;
  }

  /** The caller audio one fake connection received, decoded (PCM16 24 kHz or μ-law 8 kHz). */
  static short[] appendedAudio(FakeConnection c, boolean mulaw) {
    List<JsonNode> appends = c.received().ofType("input_audio_buffer.append");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (JsonNode a : appends) {
      bytes.writeBytes(Base64.getDecoder().decode(a.path("audio").asText()));
    }
    byte[] b = bytes.toByteArray();
    if (mulaw) {
      short[] out = new short[b.length];
      dev.switchboard.transcoding.g711.G711.decodeUlaw(b, 0, out, 0, b.length);
      return out;
    }
    short[] out = new short[b.length / 2];
    for (int i = 0; i < out.length; i++) {
      out[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
    }
    return out;
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    for (TwilioSimulator s : sims) {
      s.close();
    }
    timer.shutdownNow();
    server.close();
    fake.close();
  }
}
