package dev.switchboard.server.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.config.ConfigLoader;
import dev.switchboard.server.config.ServerConfig;
import dev.switchboard.testkit.twilio.TwilioSimulator;
import dev.switchboard.testkit.twilio.TwimlAnswer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with no flows, no key, only a Twilio auth token and a loopback public URL, on a
 * free port: a simulated Twilio call (signed webhook, signed Media Stream) hears the bundled
 * example flow's greeting from the embedded offline backend, presses 1 (sales) and 1 (yes), and the
 * after-stream webhook dials the flow's sales target.
 */
class TwilioServeIT {

  private static final String AUTH_TOKEN = "twilio-test-auth-token";
  private static final Duration WAIT = Duration.ofSeconds(20);
  @TempDir Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("twilio-sim-timer").daemon().factory());
  private Application app;
  private TwilioSimulator sim;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
    timer.shutdownNow();
    if (app != null) {
      app.close();
    }
  }

  /** Starts {@code serve} on a free loopback port with only a Twilio token; waits for ready. */
  private String startServer() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String base = "http://127.0.0.1:" + port;
    ServerConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "SWITCHBOARD_HTTP_PORT",
                Integer.toString(port),
                "SWITCHBOARD_HTTP_HOST",
                "127.0.0.1",
                "SWITCHBOARD_SIP_ENABLED",
                "false",
                "SWITCHBOARD_PUBLIC_URL",
                base,
                "TWILIO_AUTH_TOKEN",
                AUTH_TOKEN,
                "SWITCHBOARD_RECORDINGS_DIR",
                dir.resolve("recordings").toString()));
    app = Application.start(config, Map.of(), null);
    assertThat(app.summary()).doesNotContain("Twilio: endpoints reject");
    // The speech models load in the background: wait for /readyz.
    app.ready().get(60, TimeUnit.SECONDS);
    assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);
    return base;
  }

  @Test
  void greetingThenKeysOneOneTransferToSalesOnTheOfflineDefault() throws Exception {
    String base = startServer();

    // Unsigned requests never start a call.
    sim = TwilioSimulator.create(base, AUTH_TOKEN, "+15550001000", 7);
    assertThat(sim.post("/twilio/voice", sim.voiceParams(), "").statusCode()).isEqualTo(403);

    TwimlAnswer answer = sim.dial();
    assertThat(answer.connectsStream()).as("TwiML %s", answer).isTrue();
    sim.connect();
    sim.runRealTime(timer);

    // "Thank you for calling Switchboard." then the menu: 2 s of it.
    sim.await("2 s of greeting", s -> s.mediaReceived() >= 100, WAIT);
    short[] greeting = sim.heard();
    int loud = VoiceCheck.loudFrames(greeting, -40);
    double spread = VoiceCheck.levelSpreadDb(greeting, -60);
    System.out.printf(
        "TwilioServeIT: greeting %d of %d frames at speech level, level spread %.1f dB%n",
        loud, greeting.length / VoiceCheck.FRAME, spread);
    assertThat(loud).as("20 ms frames of greeting above -40 dBFS").isGreaterThan(25);
    assertThat(spread).as("speech level varies (not a tone, not noise)").isGreaterThan(6);
    assertThat(app.calls().inUse()).isEqualTo(1);

    sim.dtmf('1'); // sales
    long after = sim.mediaReceived();
    sim.await("the confirmation prompt", s -> s.mediaReceived() >= after + 50, WAIT);
    sim.dtmf('1'); // yes

    assertThat(sim.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("the stream closes for the transfer")
        .isEqualTo(1000);
    TwimlAnswer next = sim.afterStream();
    assertThat(next.dialTarget()).as("after-stream TwiML").isEqualTo("sip:sales@localhost");
    sim.await("the call slot released", s -> app.calls().inUse() == 0, WAIT);
  }

  /**
   * The caller speaks (espeak-ng fixtures through the simulated Twilio stream): "support" over the
   * greeting (a barge-in), then "yes" once the confirmation has been asked; the offline recogniser
   * routes the call to the flow's support target.
   */
  @Test
  void spokenSupportThenYesTransfersToSupport() throws Exception {
    String base = startServer();
    sim = TwilioSimulator.create(base, AUTH_TOKEN, "+15550001000", 11);
    assertThat(sim.dial().connectsStream()).isTrue();
    sim.connect();
    sim.runRealTime(timer);
    sim.await("greeting playing", s -> s.mediaReceived() >= 75, WAIT);

    // The caller talks over the greeting: barge-in cuts it, and the word is still recognised.
    sim.say(SpeechFixtures.pcm("u02-support.wav").samples());
    sim.await("the caller's word cut the greeting", s -> s.clears() >= 1, WAIT);
    long atClear = sim.mediaReceived();
    sim.await("the confirmation prompt", s -> s.mediaReceived() >= atClear + 25, WAIT);
    awaitAgentQuiet("the confirmation prompt to end");
    sim.say(SpeechFixtures.pcm("u28-yes.wav").samples());

    assertThat(sim.closed().get(WAIT.toSeconds(), TimeUnit.SECONDS))
        .as("the stream closes for the transfer")
        .isEqualTo(1000);
    assertThat(sim.afterStream().dialTarget()).isEqualTo("sip:support@localhost");
    sim.await("the call slot released", s -> app.calls().inUse() == 0, WAIT);
  }

  @Test
  void withoutAnAuthTokenEveryTwilioRequestIsRefusedAndTheSummarySaysWhy() throws Exception {
    ServerConfig config =
        ConfigLoader.load(
            null,
            Map.of(
                "SWITCHBOARD_HTTP_PORT", "0",
                "SWITCHBOARD_HTTP_HOST", "127.0.0.1",
                "SWITCHBOARD_SIP_ENABLED", "false",
                "SWITCHBOARD_RECORDINGS_DIR", dir.resolve("recordings").toString()));
    app = Application.start(config, Map.of(), null);
    String base = "http://127.0.0.1:" + app.httpAddress().getPort();
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(base + "/twilio/voice"))
                .POST(HttpRequest.BodyPublishers.ofString("CallSid=x"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.body()).contains("TWILIO_AUTH_TOKEN");
    assertThat(app.summary())
        .contains("Twilio: endpoints reject requests because TWILIO_AUTH_TOKEN");
    assertThat(app.calls().inUse()).isZero();
  }

  /** Waits (bounded) until no agent audio has arrived for 600 ms: the prompt has ended. */
  private void awaitAgentQuiet(String what) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    long last = -1;
    long quietSince = System.nanoTime();
    while (System.nanoTime() < deadline) {
      long now = sim.mediaReceived();
      if (now != last) {
        last = now;
        quietSince = System.nanoTime();
      } else if (System.nanoTime() - quietSince >= 600_000_000L) {
        return;
      }
      Thread.sleep(20);
    }
    throw new AssertionError("timed out waiting for " + what);
  }

  private HttpResponse<String> get(String url) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
