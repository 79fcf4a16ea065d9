package dev.switchboard.twilio.e2e;

import static dev.switchboard.twilio.e2e.TwilioHarness.DTMF_HANDLER;
import static dev.switchboard.twilio.e2e.TwilioHarness.SALES;
import static dev.switchboard.twilio.e2e.TwilioHarness.TRANSCODE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.Termination;
import dev.switchboard.testkit.realtime.FakeConnection;
import dev.switchboard.testkit.realtime.ScriptedResponse;
import dev.switchboard.testkit.twilio.TwilioSimulator;
import dev.switchboard.testkit.twilio.TwimlAnswer;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** DTMF, the hang-up and transfer tools, and caller hang-up, end to end. */
class CallControlIT {

  static final Duration WAIT = Duration.ofSeconds(10);
  static final String ACCOUNT = "AC" + "0123456789abcdef".repeat(2);

  @Test
  void dtmfReachesTheModelAsTextOrTheFlowHandler() throws Exception {
    try (TwilioHarness h = new TwilioHarness()) {
      TwilioSimulator model = h.call(TRANSCODE);
      FakeConnection c = h.fake.awaitConnection(0, WAIT);
      c.received().await("response.create", WAIT);
      model.dtmf('5');
      String text = c.received().await("conversation.item.create", WAIT).path("item").toString();
      assertThat(text).contains("'5'");

      TwilioSimulator menu = h.call(DTMF_HANDLER);
      menu.dtmf('7');
      menu.dtmf('#');
      menu.await("digits handled", s -> h.handlerDigits.size() == 2, WAIT);
      assertThat(h.handlerDigits).containsExactly('7', '#');
      assertThat(h.events.get(menu.callSid()))
          .filteredOn(e -> e instanceof CallEvent.Dtmf)
          .hasSize(2);
    }
  }

  @Test
  void aStreamThatFallsSilentIsDroppedAndItsCallEndsWithItsBackendSession() throws Exception {
    try (TwilioHarness h = new TwilioHarness(b -> {}, c -> c, Duration.ofMillis(400))) {
      TwilioSimulator sim = h.call(TRANSCODE);
      FakeConnection c = h.fake.awaitConnection(0, WAIT);
      c.received().await("response.create", WAIT);
      long before = h.endpoints.metrics().get("stream.idle_timeout");
      // The path to Twilio dies without a FIN: the socket stays open, nothing more arrives.
      sim.stopTicking();
      Termination t = h.termination(sim.callSid()).get(10, TimeUnit.SECONDS);
      assertThat(t.result()).isEqualTo(Termination.Result.TRANSPORT_FAILED);
      assertThat(t.reason()).startsWith("media stream silent for ");
      assertThat(h.endpoints.metrics().get("stream.idle_timeout")).isEqualTo(before + 1);
      assertThat(sim.closed().get(5, TimeUnit.SECONDS)).as("our close code").isEqualTo(1001);
      c.closedFuture().get(5, TimeUnit.SECONDS); // the backend session is closed, not left open
    }
  }

  @Test
  void hangUpToolCompletesTheCallOverRestAfterTheGoodbye() throws Exception {
    try (FakeTwilioRest rest = new FakeTwilioRest();
        TwilioHarness h =
            new TwilioHarness(
                b -> b.response(ScriptedResponse.functionCall("hang_up", "{\"reason\":\"done\"}")),
                c -> c.withAccountSid(ACCOUNT, URI.create(rest.url())))) {
      TwilioSimulator sim = h.call(TRANSCODE);
      Termination t = h.termination(sim.callSid()).get(10, TimeUnit.SECONDS);
      assertThat(t.result()).isEqualTo(Termination.Result.COMPLETED_AGENT_HANGUP);
      // The goodbye (the fake's default 1 s tone) played before the call ended.
      assertThat(Audio.toneSamples(sim.heard(), 8000, 440, -20)).isGreaterThan(7000);
      assertThat(rest.requests).hasSize(1);
      FakeTwilioRest.Recorded r = rest.requests.get(0);
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.path())
          .isEqualTo("/2010-04-01/Accounts/" + ACCOUNT + "/Calls/" + sim.callSid() + ".json");
      assertThat(r.body()).contains("Status=completed");
      assertThat(r.authorization()).startsWith("Basic ");
      assertThat(sim.closed().get(5, TimeUnit.SECONDS)).isEqualTo(1000);
    }
  }

  @Test
  void hangUpWithoutCredentialsClosesTheStreamAndAnswersHangup() throws Exception {
    try (TwilioHarness h =
        new TwilioHarness(
            b -> b.response(ScriptedResponse.functionCall("hang_up", "{}")), c -> c)) {
      TwilioSimulator sim = h.call(TRANSCODE);
      assertThat(sim.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
      TwimlAnswer next = sim.afterStream();
      assertThat(next.hangsUp()).isTrue();
      assertThat(h.termination(sim.callSid()).get(5, TimeUnit.SECONDS).result())
          .isEqualTo(Termination.Result.COMPLETED_AGENT_HANGUP);
    }
  }

  @Test
  void transferClosesTheStreamAndDialsFromTheActionUrlWithoutRestHangUp() throws Exception {
    try (FakeTwilioRest rest = new FakeTwilioRest();
        TwilioHarness h =
            new TwilioHarness(
                b ->
                    b.response(ScriptedResponse.functionCall("transfer", "{\"target\":\"sales\"}")),
                c -> c.withAccountSid(ACCOUNT, URI.create(rest.url())))) {
      TwilioSimulator sim = h.call(TRANSCODE);
      assertThat(sim.closed().get(10, TimeUnit.SECONDS)).isEqualTo(1000);
      assertThat(h.termination(sim.callSid()).get(5, TimeUnit.SECONDS).result())
          .isEqualTo(Termination.Result.TRANSFERRED);
      TwimlAnswer next = sim.afterStream();
      assertThat(next.dialTarget()).isEqualTo(SALES);
      assertThat(rest.requests).isEmpty();
      assertThat(h.endpoints.metrics().get("calls.ended.TRANSFERRED")).isEqualTo(1);
    }
  }

  @Test
  void callerHangUpMidResponseClosesTheBackendPromptly() throws Exception {
    try (TwilioHarness h =
        new TwilioHarness(
            b -> b.defaultResponse(ScriptedResponse.tone(440, 5000, "a long answer")), c -> c)) {
      TwilioSimulator sim = h.call(TRANSCODE);
      FakeConnection c = h.fake.awaitConnection(0, WAIT);
      sim.await("agent audio", s -> s.mediaReceived() >= 15, WAIT);
      long t0 = System.nanoTime();
      sim.hangUp();
      Termination t = h.termination(sim.callSid()).get(5, TimeUnit.SECONDS);
      long endedMs = (System.nanoTime() - t0) / 1_000_000;
      c.closedFuture().get(5, TimeUnit.SECONDS);
      long backendClosedMs = (System.nanoTime() - t0) / 1_000_000;
      System.out.printf(
          "caller hang-up: call ended after %d ms, backend socket closed after %d ms%n",
          endedMs, backendClosedMs);
      assertThat(t.result()).isEqualTo(Termination.Result.COMPLETED_CALLER_HANGUP);
      assertThat(backendClosedMs).isLessThan(2000);
      assertThat(sim.closed().get(5, TimeUnit.SECONDS)).isEqualTo(1000);
      assertThat(h.endpoints.activeCalls()).isZero();
    }
  }
}
