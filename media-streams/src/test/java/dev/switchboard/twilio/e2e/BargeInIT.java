package dev.switchboard.twilio.e2e;

import static dev.switchboard.twilio.e2e.TwilioHarness.TRANSCODE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.testkit.Signals;
import dev.switchboard.testkit.realtime.FakeConnection;
import dev.switchboard.testkit.realtime.ScriptedResponse;
import dev.switchboard.testkit.twilio.TwilioSimulator;
import dev.switchboard.twilio.TwilioConfig;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Barge-in over real sockets: the caller talks over the agent after {@code heardMs} of agent audio;
 * Twilio gets {@code clear}, the model a truncation at what the caller really heard.
 */
class BargeInIT {

  static final Duration WAIT = Duration.ofSeconds(10);

  @ParameterizedTest
  @ValueSource(ints = {300, 800, 1500})
  void callerInterruptsTheAgent(int heardMs) throws Exception {
    // The default: a mark per 100 ms chunk, not per frame.
    interrupt(TRANSCODE, heardMs, TwilioConfig.DEFAULT_MARK_INTERVAL_MILLIS);
  }

  @ParameterizedTest
  @ValueSource(ints = {20, 200})
  void truncationHoldsAtOtherMarkIntervals(int markIntervalMillis) throws Exception {
    interrupt(TRANSCODE, 800, markIntervalMillis);
  }

  @Test
  void callerInterruptsAPassthroughAgent() throws Exception {
    interrupt(TwilioHarness.PASSTHROUGH, 800, TwilioConfig.DEFAULT_MARK_INTERVAL_MILLIS);
  }

  private void interrupt(String flow, int heardMs, int markIntervalMillis) throws Exception {
    try (TwilioHarness h =
        new TwilioHarness(
            b -> b.defaultResponse(ScriptedResponse.tone(440, 4000, "a long answer")),
            c -> c.withMarkIntervalMillis(markIntervalMillis))) {
      TwilioSimulator sim = h.call(flow);
      FakeConnection c = h.fake.awaitConnection(0, WAIT);
      sim.await(
          heardMs + " ms of agent audio",
          s -> Audio.toneSamples(s.heard(), 8000, 440, -20) >= heardMs * 8,
          WAIT);
      sim.say(Signals.speechLike(7, 1500, -16, 8000, false));
      sim.await("clear", s -> s.clears() >= 1, WAIT);
      long speechStart = sim.speechStartNanos();
      double latencyMs = (sim.clearNanos().get(0) - speechStart) / 1e6;
      JsonNode truncate = c.received().await("conversation.item.truncate", WAIT);
      // What the caller heard of the cut response, once playback was cut for good (a brief pause
      // may resume before the interruption commits; the next response waits for end of speech).
      long lagMs = sim.maxPlayoutLagMillis();
      short[] heard = sim.heard();
      int heardToneMs = Audio.toneSamples(heard, 8000, 440, -20) / 8;
      long audioEndMs = truncate.path("audio_end_ms").asLong();
      long errorMs = audioEndMs - heardToneMs;
      long mediaSeen = sim.mediaReceived();
      long marksSeen = sim.marksEchoed();
      System.out.printf(
          "barge-in (%s, mark every %d ms: %d marks for %d media) after %d ms: clear %.1f ms after speech onset; truncate at %d ms, caller heard"
              + " %d ms (error %+d ms, simulator playout max lag %d ms); clears %d, marks echoed by"
              + " clear %d%n",
          flow,
          markIntervalMillis,
          marksSeen,
          mediaSeen,
          heardMs,
          latencyMs,
          audioEndMs,
          heardToneMs,
          errorMs,
          lagMs,
          sim.clears(),
          sim.marksEchoedByClear());
      assertThat(latencyMs).isBetween(0.0, 250.0);
      // One mark per interval of agent audio (plus the end of a run), not one per frame.
      assertThat(marksSeen).isLessThanOrEqualTo(mediaSeen * 20 / markIntervalMillis + 2);
      // One frame of detection granularity plus network; a simulator whose timer thread fell behind
      // (a busy shared machine) heard less than real time allows, which the server cannot know.
      assertThat(Math.abs(errorMs)).isLessThanOrEqualTo(60 + lagMs);
      assertThat(c.sent().ofType("error")).isEmpty();
      // The agent stopped: nothing of the cut response plays after the clear.
      sim.await("a quiet moment", s -> s.heard().length >= heard.length + 8 * 200, WAIT);
      short[] after = sim.heard();
      int tail =
          Audio.toneSamples(
              java.util.Arrays.copyOfRange(after, heard.length, heard.length + 1600),
              8000,
              440,
              -20);
      assertThat(tail).isZero();
    }
  }

  @Test
  void echoesOfClearedMarksAreNotCountedAsPlayed() throws Exception {
    try (TwilioHarness h =
        new TwilioHarness(
            b -> b.defaultResponse(ScriptedResponse.tone(440, 4000, "a long answer")), c -> c)) {
      TwilioSimulator sim = h.call(TRANSCODE);
      sim.await("agent audio", s -> s.mediaReceived() >= 20, WAIT);
      sim.say(Signals.speechLike(11, 1000, -16, 8000, false));
      sim.await("clear", s -> s.clears() >= 1, WAIT);
      assertThat(sim.marksEchoedByClear()).isPositive();
      // The echoes travel back and are discarded by the call's tracker (stale generation).
      sim.await(
          "cleared marks discarded",
          s -> h.endpoints.call(s.callSid()).stats().discardedMarks() >= s.marksEchoedByClear(),
          WAIT);
    }
  }
}
