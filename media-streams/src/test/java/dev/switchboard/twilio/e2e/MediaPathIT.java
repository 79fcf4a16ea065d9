package dev.switchboard.twilio.e2e;

import static dev.switchboard.twilio.e2e.TwilioHarness.PASSTHROUGH;
import static dev.switchboard.twilio.e2e.TwilioHarness.TRANSCODE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.Tones;
import dev.switchboard.testkit.realtime.FakeConnection;
import dev.switchboard.testkit.twilio.TwilioSimulator;
import dev.switchboard.twilio.metrics.TwilioMetrics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Audio fidelity both ways over real sockets, and a stream that survives bad input. */
class MediaPathIT {

  static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void callerToneReachesTheBackendAsTheSameToneAt24kHz() throws Exception {
    try (TwilioHarness h = new TwilioHarness()) {
      TwilioSimulator sim = h.call(TRANSCODE);
      sim.say(Tones.sine(1000, -12, 1000, 8000));
      FakeConnection c = h.fake.awaitConnection(0, WAIT);
      c.received().awaitCount("input_audio_buffer.append", 60, WAIT);
      short[] in = TwilioHarness.appendedAudio(c, false);
      int onset = Audio.firstLoudWindow(in, 24000, -30);
      assertThat(onset).isNotNegative();
      double snr = Audio.toneSnrDb(in, onset + 2400, 12000, 1000, 24000);
      System.out.printf("uplink 1 kHz tone, 8 kHz u-law -> 24 kHz PCM: SNR %.1f dB%n", snr);
      // G.711 u-law alone limits a -12 dBFS sine to about 38 dB.
      assertThat(snr).isGreaterThan(30);
      assertThat(Tones.goertzelDb(in, onset + 2400, 12000, 1000, 24000)).isGreaterThan(-14);
    }
  }

  @Test
  void theControlLoopRunsOnTheStreamsIoThreadOnceBound() throws Exception {
    try (TwilioHarness h = new TwilioHarness()) {
      TwilioSimulator sim = h.call(TRANSCODE);
      sim.say(Tones.sine(1000, -12, 400, 8000));
      FakeConnection c = h.fake.awaitConnection(0, WAIT);
      c.received().awaitCount("input_audio_buffer.append", 20, WAIT);
      // Once the stream is bound every caller frame is processed on the Undertow IO thread that
      // read it: no hand-off to another thread per 20 ms frame. (Frames held until the session
      // started may run on the virtual thread that started it.)
      java.util.List<String> threads = h.callerAudioThreads.get(sim.callSid());
      assertThat(threads).hasSizeGreaterThan(15);
      assertThat(threads.subList(threads.size() - 10, threads.size()))
          .allSatisfy(name -> assertThat(name).startsWith("XNIO-"));
    }
  }

  /**
   * Caller frames pump the agent's playout while they flow; without them mark echoes and the node's
   * own playout tick (a timer on the stream's IO thread) must keep the audio coming.
   */
  @Test
  void theAgentPlaysOnWhenTheCallersFramesStop() throws Exception {
    try (TwilioHarness h = new TwilioHarness()) {
      TwilioSimulator sim = h.call(TRANSCODE);
      sim.muteUplink(true);
      long sentAtMute = sim.framesSent();
      // The greeting response is the fake's default: 1 s of 440 Hz at half scale.
      sim.await("playout", s -> Audio.toneSamples(s.heard(), 8000, 440, -20) >= 7200, WAIT);
      assertThat(sim.framesSent() - sentAtMute)
          .as("caller frames while muted")
          .isLessThanOrEqualTo(1);
      assertThat(sim.underrunTicks()).as("ticks that found no agent audio due").isZero();
    }
  }

  @Test
  void passthroughDeliversTheCallersMulawUnresampled() throws Exception {
    try (TwilioHarness h = new TwilioHarness()) {
      TwilioSimulator sim = h.call(PASSTHROUGH);
      sim.say(Tones.sine(1000, -12, 1000, 8000));
      FakeConnection c = h.fake.awaitConnection(0, WAIT);
      c.received().awaitCount("input_audio_buffer.append", 60, WAIT);
      short[] in = TwilioHarness.appendedAudio(c, true);
      int onset = Audio.firstLoudWindow(in, 8000, -30);
      double snr = Audio.toneSnrDb(in, onset + 800, 4000, 1000, 8000);
      System.out.printf("uplink 1 kHz tone, u-law passthrough: SNR %.1f dB%n", snr);
      assertThat(snr).isGreaterThan(30);
    }
  }

  @Test
  void agentToneReachesTheCaller() throws Exception {
    for (String flow : new String[] {TRANSCODE, PASSTHROUGH}) {
      try (TwilioHarness h = new TwilioHarness()) {
        TwilioSimulator sim = h.call(flow);
        // The greeting response is the fake's default: 1 s of 440 Hz at half scale.
        sim.await("the greeting to play out", s -> s.mediaReceived() >= 50, WAIT);
        sim.await("playout", s -> Audio.toneSamples(s.heard(), 8000, 440, -20) >= 7200, WAIT);
        short[] heard = sim.heard();
        int onset = Audio.firstLoudWindow(heard, 8000, -30);
        double snr = Audio.toneSnrDb(heard, onset + 800, 4000, 440, 8000);
        System.out.printf("downlink 440 Hz tone (%s): SNR %.1f dB%n", flow, snr);
        assertThat(snr).isGreaterThan(30);
        // A mark per 100 ms chunk (the default) and one at the end of the greeting: 1 s of audio
        // is confirmed by about ten marks, not fifty (a run can end early when our queue runs dry).
        sim.await("the greeting's last mark", s -> s.marksEchoed() >= 10, WAIT);
        assertThat(sim.marksEchoed()).isBetween(10L, 15L);
        assertThat(sim.otherEvents()).isEmpty();
      }
    }
  }

  @Test
  void malformedMessagesAreCountedAndTheCallGoesOn() throws Exception {
    try (TwilioHarness h = new TwilioHarness()) {
      TwilioSimulator sim = h.call(TRANSCODE);
      sim.sendRaw("{not json");
      sim.sendRaw("{\"event\":\"media\",\"media\":{\"payload\":\"%%%%\"}}");
      sim.sendRaw("{\"event\":\"media\",\"media\":{\"payload\":\"" + "A".repeat(4000) + "\"}}");
      sim.sendRaw("{\"event\":\"media\",\"media\":{\"payload\":\"\"}}");
      sim.sendRaw("{\"event\":\"sparkle\",\"streamSid\":\"MZ1\"}");
      sim.await("a few frames", s -> s.framesSent() >= 5, WAIT);
      sim.gap(200);
      sim.say(Tones.sine(700, -12, 600, 8000));
      FakeConnection c = h.fake.awaitConnection(0, WAIT);
      c.received().awaitCount("input_audio_buffer.append", 50, WAIT);
      short[] in = TwilioHarness.appendedAudio(c, false);
      int onset = Audio.firstLoudWindow(in, 24000, -30);
      assertThat(Audio.toneSnrDb(in, onset + 2400, 7200, 700, 24000)).isGreaterThan(30);
      TwilioMetrics m = h.endpoints.metrics();
      assertThat(m.get("stream.protocol.MALFORMED_JSON")).isEqualTo(1);
      assertThat(m.get("stream.protocol.BAD_BASE64")).isEqualTo(1);
      assertThat(m.get("stream.protocol.OVERSIZED")).isEqualTo(1);
      assertThat(m.get("stream.protocol.WRONG_LENGTH")).isEqualTo(1);
      assertThat(m.get("stream.unknown_event")).isEqualTo(1);
      assertThat(h.endpoints.transport(sim.callSid()).uplinkFilledMillis()).isEqualTo(200);
      assertThat(sim.closed()).isNotDone();
    }
  }
}
