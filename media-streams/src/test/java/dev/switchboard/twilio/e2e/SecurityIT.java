package dev.switchboard.twilio.e2e;

import static dev.switchboard.twilio.e2e.TwilioHarness.TRANSCODE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.twilio.TwilioSimulator;
import dev.switchboard.testkit.twilio.TwimlAnswer;
import dev.switchboard.twilio.metrics.TwilioMetrics;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Signatures on webhooks and the upgrade, one-time stream tokens, capacity, status callbacks. */
class SecurityIT {

  static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void unsignedOrWronglySignedWebhooksGet403AndNoCall() throws Exception {
    try (TwilioHarness h = new TwilioHarness()) {
      TwilioSimulator sim = h.simulator(TRANSCODE);
      Map<String, String> p = sim.voiceParams();
      assertThat(sim.post("/twilio/voice", p, "").statusCode()).isEqualTo(403);
      assertThat(sim.post("/twilio/voice", p, "bm90IGEgc2lnbmF0dXJl").statusCode()).isEqualTo(403);
      assertThat(sim.post("/twilio/after-stream", p, "").statusCode()).isEqualTo(403);
      assertThat(sim.post("/twilio/status", p, "AAAA").statusCode()).isEqualTo(403);
      TwilioMetrics m = h.endpoints.metrics();
      assertThat(m.get("webhook.rejected.MISSING")).isEqualTo(2);
      assertThat(m.get("webhook.rejected.MISMATCH")).isEqualTo(2);
      assertThat(h.endpoints.activeCalls()).isZero();
      assertThat(h.fake.connections()).isEmpty();
    }
  }

  @Test
  void unsignedUpgradeIsRefusedAndAWrongTokenIsClosedWithPolicyViolation() throws Exception {
    try (TwilioHarness h = new TwilioHarness()) {
      TwilioSimulator unsigned = h.simulator(TRANSCODE);
      unsigned.dial();
      assertThatThrownBy(() -> unsigned.connect("", unsigned.answer().parameters()))
          .isInstanceOf(IOException.class);
      TwilioSimulator forged = h.simulator(TRANSCODE);
      forged.dial();
      assertThatThrownBy(() -> forged.connect("c2lnbmVkIGJ5IG1l", forged.answer().parameters()))
          .isInstanceOf(IOException.class);
      assertThat(h.endpoints.metrics().get("webhook.rejected.MISSING")).isEqualTo(1);
      assertThat(h.endpoints.metrics().get("webhook.rejected.MISMATCH")).isEqualTo(1);

      TwilioSimulator wrongToken = h.simulator(TRANSCODE);
      wrongToken.dial();
      wrongToken.connect(null, Map.of("token", "guessed"));
      assertThat(wrongToken.closed().get(5, TimeUnit.SECONDS)).isEqualTo(1008);
      assertThat(h.endpoints.metrics().get("stream.rejected.token")).isEqualTo(1);
      // The genuine token still works for the real stream.
      wrongToken.connect();
      wrongToken.runRealTime(h.timer);
      wrongToken.await("agent audio", s -> s.mediaReceived() > 5, WAIT);
    }
  }

  @Test
  void overCapacityCallersHearARefusalAndAreDialledToTheFallback() throws Exception {
    try (TwilioHarness h = new TwilioHarness(b -> {}, c -> c.withCapacity(1, "+15551112222"))) {
      h.call(TRANSCODE);
      TwimlAnswer refused = h.simulator(TRANSCODE).dial();
      assertThat(refused.connectsStream()).isFalse();
      assertThat(refused.says()).isTrue();
      assertThat(refused.dialTarget()).isEqualTo("+15551112222");
      assertThat(h.endpoints.metrics().get("voice.refused.capacity")).isEqualTo(1);
      h.endpoints.draining(true);
      assertThat(h.simulator(TRANSCODE).dial().connectsStream()).isFalse();
      assertThat(h.endpoints.metrics().get("voice.refused.draining")).isEqualTo(1);
      h.endpoints.draining(false);
      TwimlAnswer unknown = h.simulator("+19999999999").dial();
      assertThat(unknown.hangsUp()).isTrue();
    }
  }

  @Test
  void statusCallbacksAreCountedAsEvents() throws Exception {
    try (TwilioHarness h = new TwilioHarness()) {
      TwilioSimulator sim = h.simulator(TRANSCODE);
      Map<String, String> p = sim.voiceParams();
      p.put("CallStatus", "completed");
      assertThat(sim.post("/twilio/status", p, null).statusCode()).isEqualTo(204);
      p.remove("CallStatus");
      p.put("StreamEvent", "stream-error");
      p.put("StreamError", "Stream - WebSocket - Connection Refused");
      assertThat(sim.post("/twilio/status", p, null).statusCode()).isEqualTo(204);
      assertThat(h.endpoints.metrics().get("status.call.completed")).isEqualTo(1);
      assertThat(h.endpoints.metrics().get("status.stream.stream-error")).isEqualTo(1);
    }
  }
}
