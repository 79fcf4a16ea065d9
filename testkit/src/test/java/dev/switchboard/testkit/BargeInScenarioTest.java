package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.bridge.call.CallEvent;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Timeline scenarios of barge-in on a manual clock (no sleeps, no threads). */
class BargeInScenarioTest {

  static final double TRUNCATION_TOLERANCE_S = 0.020;

  @Test
  void callerBargesInDuringLongAnswer() {
    // Caller speaks 0.5-2.5 s; 10 s of agent audio from 3.5 s (4x real time); barge-in at 5.0 s.
    CallHarness h = new CallHarness("barge");
    h.transport.callerSignal(CallHarness.caller(12, -20, 1, 0.5, 2.5, 5.0, 6.5));
    h.backend.speak(
        Duration.ofMillis(3500),
        "resp-1",
        "item-1",
        CallHarness.agentTone(10, 440),
        4,
        "Long answer.");
    h.start();
    h.runUntil(12);

    ScriptedSession s = h.session();
    double heard = h.heardSecondsFrom(3.5);
    assertThat(heard).isBetween(1.5, 1.65);
    assertThat(s.truncations()).hasSize(1);
    ScriptedSession.Truncation t = s.truncations().getFirst();
    assertThat(t.itemId()).isEqualTo("item-1");
    assertThat(t.heard().toNanos() / 1e9).isCloseTo(heard, within(TRUNCATION_TOLERANCE_S));
    assertThat(t.heard()).isLessThanOrEqualTo(s.delivered("item-1"));
    assertThat(s.violations()).isEmpty();
    assertThat(s.cancels()).hasSize(1);
    assertThat(h.transport.clears()).isGreaterThanOrEqualTo(1);
    assertThat(h.call.stats().lateDeltasDropped()).isPositive();
    // Nothing of the cancelled response played after the cut.
    assertThat(h.heardSecondsFrom(3.5 + heard + 0.05)).isZero();

    CallEvent.TranscriptEntry line = agentLine(h, "item-1");
    assertThat(line.interrupted()).isTrue();
    assertThat(line.text()).isEqualTo("Long answer.");
    assertThat(line.heard()).isEqualTo(t.heard());
    CallEvent.BargeIn b = h.events.events(CallEvent.BargeIn.class).getFirst();
    assertThat(b.decisionLatency()).isLessThanOrEqualTo(Duration.ofMillis(150));
    assertThat(h.events.events(CallEvent.TurnLatency.class)).hasSize(1);
    assertThat(h.events.events(CallEvent.TurnLatency.class).getFirst().latency().toMillis())
        .isBetween(900L, 1100L);
  }

  @Test
  void bargeInAfterPlaybackFinishedDoesNotTruncate() {
    CallHarness h = new CallHarness("late");
    h.transport.callerSignal(CallHarness.caller(8, -20, 2, 5.0, 6.0));
    h.backend.speak(
        Duration.ofMillis(1000), "resp-1", "item-1", CallHarness.agentTone(2, 440), 4, "Short.");
    h.start();
    h.runUntil(8);

    assertThat(h.heardSecondsFrom(1.0)).isCloseTo(2.0, within(0.021));
    assertThat(h.session().truncations()).isEmpty();
    assertThat(h.session().cancels()).isEmpty();
    assertThat(h.transport.clears()).isZero();
    CallEvent.TranscriptEntry line = agentLine(h, "item-1");
    assertThat(line.interrupted()).isFalse();
    assertThat(line.heard().toMillis()).isEqualTo(2000);
  }

  @Test
  void bargeInDuringSecondItemTruncatesItAndKeepsTheFirst() {
    CallHarness h = new CallHarness("second");
    h.transport.callerSignal(CallHarness.caller(10, -20, 3, 4.0, 5.5));
    h.backend.speakItems(
        Duration.ofMillis(1000),
        "resp-1",
        List.of(
            new ScriptedBackend.Item("item-a", CallHarness.agentTone(2, 440), "First part."),
            new ScriptedBackend.Item("item-b", CallHarness.agentTone(3, 660), "Second part."),
            new ScriptedBackend.Item("item-c", CallHarness.agentTone(2, 880), "Third part.")),
        3);
    h.start();
    h.runUntil(10);

    ScriptedSession s = h.session();
    assertThat(s.truncations()).hasSize(1);
    ScriptedSession.Truncation t = s.truncations().getFirst();
    assertThat(t.itemId()).isEqualTo("item-b");
    double heardB = h.heardSecondsFrom(1.0) - 2.0;
    assertThat(t.heard().toNanos() / 1e9).isCloseTo(heardB, within(TRUNCATION_TOLERANCE_S));
    assertThat(heardB).isBetween(1.0, 1.15);
    assertThat(s.deletedItems()).containsExactly("item-c");
    assertThat(s.violations()).isEmpty();
    assertThat(agentLine(h, "item-a").interrupted()).isFalse();
    assertThat(agentLine(h, "item-b").interrupted()).isTrue();
    assertThat(agentLine(h, "item-c").heard()).isZero();
  }

  @Test
  void marksEchoedBecauseOfClearAreNotCredited() {
    CallHarness h = new CallHarness("marks");
    h.transport.markEchoDelay(Duration.ofMillis(40));
    h.transport.callerSignal(CallHarness.caller(8, -20, 4, 3.0, 4.5));
    h.backend.speak(
        Duration.ofMillis(1000), "resp-1", "item-1", CallHarness.agentTone(6, 440), 4, "Words.");
    h.start();
    h.runUntil(8);

    assertThat(h.transport.marksEchoedByClear()).isPositive();
    assertThat(h.call.stats().discardedMarks()).isEqualTo(h.transport.marksEchoedByClear());
    ScriptedSession.Truncation t = h.session().truncations().getFirst();
    double heard = h.heardSecondsFrom(1.0);
    assertThat(t.heard().toNanos() / 1e9).isCloseTo(heard, within(TRUNCATION_TOLERANCE_S));
  }

  @Test
  void shortNoiseOnlyPausesThenResumesWhereItStopped() {
    CallHarness h = new CallHarness("false");
    short[] caller = new short[8 * CallHarness.RATE];
    Signals.mixInto(caller, Signals.noise(5, 640, -18), 3 * CallHarness.RATE); // 80 ms burst
    h.transport.callerSignal(caller);
    h.backend.speak(
        Duration.ofMillis(1000), "resp-1", "item-1", CallHarness.agentTone(4, 440), 4, "Go on.");
    h.start();
    h.runUntil(8);

    assertThat(h.session().truncations()).isEmpty();
    assertThat(h.session().cancels()).isEmpty();
    assertThat(h.call.stats().falseInterruptions()).isEqualTo(1);
    assertThat(h.events.events(CallEvent.PlaybackResumed.class)).hasSize(1);
    // All 4 s were heard, with a gap of the pause: total agent samples equal 4 s within a frame.
    short[] heard = h.transport.heard();
    int nonZero = 0;
    for (short v : heard) {
      nonZero += v != 0 ? 1 : 0;
    }
    assertThat(nonZero / (double) CallHarness.RATE).isCloseTo(4.0, within(0.021));
    assertThat(agentLine(h, "item-1").interrupted()).isFalse();
  }

  @Test
  void quietShortBackchannelDoesNotTouchPlayback() {
    CallHarness h = new CallHarness("mmhm");
    h.transport.callerSignal(CallHarness.caller(8, -38, 6, 3.0, 3.35));
    h.backend.speak(
        Duration.ofMillis(1000), "resp-1", "item-1", CallHarness.agentTone(4, 440), 4, "Right.");
    h.start();
    h.runUntil(8);

    assertThat(h.transport.clears()).isZero();
    assertThat(h.session().truncations()).isEmpty();
    assertThat(h.heardSecondsFrom(1.0)).isCloseTo(4.0, within(0.021));
  }

  @Test
  void agentEchoOnTheLineDoesNotInterrupt() {
    CallHarness h = new CallHarness("echo");
    h.transport.lineEcho(EchoPath.hybrid(20, 240), Signals.noise(7, 8000 * 3, -45));
    short[] agent = Signals.speechLike(8, 12_000, -14, CallHarness.RATE, true);
    h.backend.speak(Duration.ofMillis(1000), "resp-1", "item-1", agent, 4, "Speech.");
    h.start();
    h.runUntil(15);

    assertThat(h.transport.clears()).isZero();
    assertThat(h.session().truncations()).isEmpty();
    assertThat(h.events.events(CallEvent.BargeIn.class)).isEmpty();
  }

  @Test
  void callerOverEchoStillBargesIn() {
    CallHarness h = new CallHarness("echo-barge");
    h.transport.lineEcho(EchoPath.hybrid(20, 240), Signals.noise(9, 8000 * 3, -45));
    h.transport.callerSignal(CallHarness.caller(12, -20, 10, 6.0, 7.5));
    short[] agent = Signals.speechLike(11, 10_000, -14, CallHarness.RATE, true);
    h.backend.speak(Duration.ofMillis(1000), "resp-1", "item-1", agent, 4, "Speech.");
    h.start();
    h.runUntil(12);

    assertThat(h.session().truncations()).hasSize(1);
    assertThat(h.session().violations()).isEmpty();
    assertThat(h.events.events(CallEvent.BargeIn.class).getFirst().decisionLatency())
        .isLessThanOrEqualTo(Duration.ofMillis(150));
  }

  @Test
  void backendSpeechStartedInterruptsAndAutoCancellingBackendIsNotCancelledTwice() {
    CallHarness h = new CallHarness("server-vad");
    h.backend.capabilities(ScriptedBackend.capabilities(true));
    h.backend.speak(
        Duration.ofMillis(1000), "resp-1", "item-1", CallHarness.agentTone(6, 440), 1.2, "Hello.");
    // The caller's voice never reaches our uplink detector; only the backend's VAD hears it.
    h.backend.at(
        Duration.ofMillis(3000),
        new dev.switchboard.bridge.backend.BackendEvent.SpeechStarted("u1", 1900));
    h.start();
    h.runUntil(8);

    CallEvent.BargeIn b = h.events.events(CallEvent.BargeIn.class).getFirst();
    assertThat(b.source()).isEqualTo("backend");
    assertThat(h.session().cancels()).isEmpty(); // the backend cancels itself
    ScriptedSession.Truncation t = h.session().truncations().getFirst();
    assertThat(t.heard().toNanos() / 1e9)
        .isCloseTo(h.heardSecondsFrom(1.0), within(TRUNCATION_TOLERANCE_S));
    assertThat(h.call.stats().lateDeltasDropped()).isPositive();
  }

  @Test
  void sipPacedPlayoutTruncatesExactlyToo() {
    CallHarness h = new CallHarness("sip");
    h.transport.callerSignal(CallHarness.caller(9, -20, 12, 5.0, 6.5));
    h.backend.speak(
        Duration.ofMillis(3500), "resp-1", "item-1", CallHarness.agentTone(5, 440), 4, "Paced.");
    h.start(c -> c.withPlayback(dev.switchboard.bridge.call.CallConfig.PlaybackClock.OWN_PACER));
    h.runUntil(9);

    double heard = h.heardSecondsFrom(3.5);
    ScriptedSession.Truncation t = h.session().truncations().getFirst();
    assertThat(t.heard().toNanos() / 1e9).isCloseTo(heard, within(TRUNCATION_TOLERANCE_S));
    assertThat(h.session().violations()).isEmpty();
  }

  @Test
  void decisionLatencyOverManyOnsets() {
    List<Long> latenciesMs = onsetToClearMillis(true);
    long p50 = EchoRobustnessTest.pct(latenciesMs, 50);
    long p95 = EchoRobustnessTest.pct(latenciesMs, 95);
    List<Long> literal = onsetToClearMillis(false);
    System.out.printf(
        "CallSession onset->clear over %d onsets: p50=%d ms p95=%d ms (baseline, clear only at"
            + " commit: p50=%d ms p95=%d ms)%n",
        latenciesMs.size(),
        p50,
        p95,
        EchoRobustnessTest.pct(literal, 50),
        EchoRobustnessTest.pct(literal, 95));
    assertThat(p50).isLessThanOrEqualTo(100);
    assertThat(p95).isLessThanOrEqualTo(150);
  }

  private static List<Long> onsetToClearMillis(boolean clearOnPause) {
    List<Long> latenciesMs = new java.util.ArrayList<>();
    for (int i = 0; i < 30; i++) {
      CallHarness h = new CallHarness("lat" + i);
      double onset = 3.0 + i * 0.0137; // onsets at every phase of the 20 ms frame grid
      h.transport.callerSignal(CallHarness.caller(6, -20, 100 + i, onset, onset + 1.0));
      h.backend.speak(
          Duration.ofMillis(1000), "r", "item", CallHarness.agentTone(4, 440), 4, "Text.");
      h.start(c -> c.withBargeIn(c.bargeIn().withClearOnPause(clearOnPause)));
      h.runUntil(6);
      Duration firstClear = h.transport.clearTimes().getFirst();
      latenciesMs.add(Math.round((firstClear.toNanos() / 1e9 - onset) * 1000));
      double heard = h.heardSecondsFrom(1.0);
      assertThat(h.session().truncations().getFirst().heard().toNanos() / 1e9)
          .isCloseTo(heard, within(TRUNCATION_TOLERANCE_S))
          .isLessThanOrEqualTo(h.session().delivered("item").toNanos() / 1e9);
    }
    return latenciesMs;
  }

  static CallEvent.TranscriptEntry agentLine(CallHarness h, String itemId) {
    return h.events.events(CallEvent.TranscriptEntry.class).stream()
        .filter(e -> e.role().equals("agent") && e.itemId().equals(itemId))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no agent line for " + itemId));
  }
}
