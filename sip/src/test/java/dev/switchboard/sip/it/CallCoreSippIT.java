package dev.switchboard.sip.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.call.Termination;
import dev.switchboard.bridge.openai.OpenAiRealtimeBackend;
import dev.switchboard.bridge.time.SystemMediaClock;
import dev.switchboard.sip.CallSessionHandler;
import dev.switchboard.sip.SipConfig;
import dev.switchboard.sip.SipServer;
import dev.switchboard.testkit.realtime.FakeConnection;
import dev.switchboard.testkit.realtime.FakeRealtimeServer;
import dev.switchboard.testkit.realtime.ScriptedResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: sipp caller (pcap audio, RFC 4733 digit, BYE) → SIP edge → real {@link CallSession} →
 * OpenAI backend → {@link FakeRealtimeServer}, and the greeting back through the RTP pacer.
 */
class CallCoreSippIT {

  static final String KEY = "sk-test-sip";
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path dir;
  FakeRealtimeServer fake;
  SipServer server;
  final List<CallEvent> events = new CopyOnWriteArrayList<>();
  final CompletableFuture<CallEvent.TranscriptEntry> agentLine = new CompletableFuture<>();
  final CompletableFuture<CallEvent.CallEnded> ended = new CompletableFuture<>();

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
    if (fake != null) {
      fake.close();
    }
  }

  @Test
  void callerTalksToTheAgentAndHearsTheGreeting() throws Exception {
    assumeTrue(Sipp.available(), "sipp not installed (Debian package sip-tester)");
    fake =
        FakeRealtimeServer.builder()
            .apiKey(KEY)
            .defaultResponse(ScriptedResponse.tone(440, 800, "Hello how can I help"))
            .start();
    OpenAiRealtimeBackend backend = AgentCallConfigs.openAi(fake.url(), KEY);
    CallConfig config = AgentCallConfigs.agent("You are a test agent.");
    CallSessionHandler handler =
        new CallSessionHandler(
            call ->
                CallSession.builder()
                    .backend(backend)
                    .config(config)
                    .clock(SystemMediaClock.get())
                    .listener(this::record));
    SipConfig sip = SipConfig.defaults("127.0.0.1", Sipp.freePort(), SippIT.media());
    server = SipServer.start(sip, handler, SystemMediaClock.get());

    Sipp.run(dir, "uac_pcap_dtmf_bye.xml", sip.port(), 25).assertPassed();

    FakeConnection connection = fake.awaitConnection(0, WAIT);
    // The backend was connected while ringing (pre-warm), before the call was answered.
    assertThat(server.stats().answered.sum()).isEqualTo(1);
    assertThat(connection.received().await("input_audio_buffer.append", WAIT)).isNotNull();
    assertThat(connection.received().ofType("input_audio_buffer.append").size())
        .as("caller audio streamed to the model")
        .isGreaterThan(20);
    CallEvent.TranscriptEntry agent = agentLine.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(agent.heard().toMillis())
        .as("greeting played by the RTP pacer (heard = what was sent)")
        .isGreaterThan(300);
    assertThat(events)
        .anySatisfy(
            e ->
                assertThat(e)
                    .isInstanceOfSatisfying(
                        CallEvent.Dtmf.class, d -> assertThat(d.digit()).isEqualTo('1')));
    assertThat(ended.get(WAIT.toSeconds(), TimeUnit.SECONDS).termination().result())
        .as("the caller's BYE ends the session")
        .isEqualTo(Termination.Result.COMPLETED_CALLER_HANGUP);
  }

  private void record(CallEvent e) {
    events.add(e);
    if (e instanceof CallEvent.TranscriptEntry t && t.role().equals("agent")) {
      agentLine.complete(t);
    } else if (e instanceof CallEvent.CallEnded end) {
      ended.complete(end);
    }
  }
}
