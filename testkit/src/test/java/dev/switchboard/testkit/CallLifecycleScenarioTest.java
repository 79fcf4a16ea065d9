package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.BackendException;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.Termination;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Call lifecycle on a manual clock: setup failure, greeting, DTMF, endings, isolation. */
class CallLifecycleScenarioTest {

  @Test
  void backendSetupFailureEndsCallAndHangsUp() {
    CallHarness h = new CallHarness("setup-fail");
    h.backend.failConnect(
        new BackendException(
            BackendException.Kind.CONFIG_MISMATCH,
            "session.updated: output format audio/pcm != requested audio/pcmu"));
    h.start();
    h.runUntil(1);

    Termination t = h.call.termination().join();
    assertThat(t.result()).isEqualTo(Termination.Result.BACKEND_FAILED);
    assertThat(t.reason()).contains("session.updated");
    assertThat(h.transport.hangUps()).hasSize(1);
    assertThat(h.events.events(CallEvent.BackendConnectFailed.class)).hasSize(1);
    assertThat(h.events.events(CallEvent.CallEnded.class)).hasSize(1);
  }

  @Test
  void callerHangingUpMidReplyLeavesALineWithWhatWasHeard() {
    CallHarness h = new CallHarness("hangup-mid-reply");
    h.backend.speak(
        Duration.ofMillis(1000), "resp-1", "item-1", CallHarness.agentTone(6, 440), 4, "Long.");
    h.start();
    h.runUntil(3.5);
    h.transport.callerHangsUp();
    h.runUntil(5);

    CallEvent.TranscriptEntry line = BargeInScenarioTest.agentLine(h, "item-1");
    double heard = h.heardSecondsFrom(1.0);
    assertThat(heard).isBetween(2.3, 2.7);
    assertThat(line.heard().toNanos() / 1e9)
        .isCloseTo(heard, org.assertj.core.api.Assertions.within(0.020));
    assertThat(line.interrupted()).isTrue();
  }

  @Test
  void agentSpeaksFirstAndCallerHangsUpOnce() {
    CallHarness h = new CallHarness("greet");
    h.start(c -> c.withGreeting("Greet the caller."));
    h.runUntil(1);
    assertThat(h.session().createResponses()).containsExactly("Greet the caller.");
    h.transport.callerHangsUp();
    h.call.hangUp("late duplicate");
    h.runUntil(2);

    assertThat(h.call.termination().join().result())
        .isEqualTo(Termination.Result.COMPLETED_CALLER_HANGUP);
    assertThat(h.events.events(CallEvent.CallEnded.class)).hasSize(1);
    assertThat(h.transport.hangUps()).isEmpty();
    assertThat(h.session().closed()).isTrue();
    assertThat(h.events.callerFrames()).isPositive();
  }

  @Test
  void prewarmConnectsBeforeTheCallIsAnsweredAndOnlyOnce() {
    CallHarness h = new CallHarness("prewarm");
    h.call =
        dev.switchboard.bridge.call.CallSession.builder()
            .transport(h.transport)
            .backend(h.backend)
            .config(CallConfig.of(CallHarness.sessionConfig()).withGreeting("Hi"))
            .clock(h.clock)
            .executor(Runnable::run)
            .listener(h.events)
            .build()
            .prewarm();
    h.runUntil(0.5);
    assertThat(h.session()).isNotNull();
    h.call.start();
    h.runUntil(1);
    assertThat(h.events.events(CallEvent.BackendConnectStarted.class)).hasSize(1);
    assertThat(h.session().createResponses()).containsExactly("Hi");
  }

  @Test
  void maxDurationEndsTheCall() {
    CallHarness h = new CallHarness("max");
    h.start(c -> c.withMaxDuration(Duration.ofSeconds(3)));
    h.runUntil(5);
    assertThat(h.call.termination().join().result()).isEqualTo(Termination.Result.MAX_DURATION);
    assertThat(h.transport.hangUps()).containsExactly("max duration");
  }

  @Test
  void dtmfGoesToTheModelAsTextOrToTheHandler() {
    CallHarness h = new CallHarness("dtmf");
    h.start();
    h.runUntil(1);
    h.transport.pressDigit('5');
    assertThat(h.session().texts()).singleElement().asString().contains("'5'");

    CallHarness h2 = new CallHarness("dtmf2");
    StringBuilder digits = new StringBuilder();
    h2.call =
        dev.switchboard.bridge.call.CallSession.builder()
            .transport(h2.transport)
            .backend(h2.backend)
            .config(
                CallConfig.of(CallHarness.sessionConfig()).withDtmf(CallConfig.DtmfMode.HANDLER))
            .clock(h2.clock)
            .executor(Runnable::run)
            .dtmfHandler((d, call) -> digits.append(d))
            .build()
            .start();
    h2.runUntil(1);
    h2.transport.pressDigit('#');
    assertThat(digits).hasToString("#");
    assertThat(h2.session().texts()).isEmpty();
  }

  @Test
  void fatalBackendErrorOvertakesQueuedAudioAndEndsCall() {
    CallHarness h = new CallHarness("fatal");
    h.backend.at(Duration.ofSeconds(2), new BackendEvent.Error("server_error", "boom", false));
    h.start();
    h.runUntil(3);
    assertThat(h.call.termination().join().result()).isEqualTo(Termination.Result.BACKEND_FAILED);
    assertThat(h.transport.hangUps()).hasSize(1);
  }

  @Test
  void throwingListenerIsCountedAndCallGoesOn() {
    CallHarness h = new CallHarness("listener");
    h.call =
        dev.switchboard.bridge.call.CallSession.builder()
            .transport(h.transport)
            .backend(h.backend)
            .config(CallConfig.of(CallHarness.sessionConfig()))
            .clock(h.clock)
            .executor(Runnable::run)
            .listener(
                e -> {
                  throw new IllegalStateException("bad listener");
                })
            .listener(h.events)
            .build()
            .start();
    h.runUntil(1);
    assertThat(h.call.stats().listenerFailures()).isPositive();
    assertThat(h.call.termination()).isNotDone();
    assertThat(h.events.events(CallEvent.BackendConnected.class)).hasSize(1);
  }

  @Test
  void twoConcurrentCallsAreIsolated() {
    CallHarness a = new CallHarness("a");
    CallHarness b = new CallHarness("b");
    a.transport.callerSignal(CallHarness.caller(8, -20, 20, 3.0, 4.0));
    a.backend.speak(Duration.ofSeconds(1), "ra", "ia", CallHarness.agentTone(5, 440), 4, "A.");
    b.backend.speak(Duration.ofSeconds(1), "rb", "ib", CallHarness.agentTone(5, 660), 4, "B.");
    a.start();
    b.start();
    for (int i = 1; i <= 80; i++) {
      a.runUntil(i * 0.1);
      b.runUntil(i * 0.1);
    }
    assertThat(a.session().truncations()).hasSize(1);
    assertThat(b.session().truncations()).isEmpty();
    assertThat(b.heardSecondsFrom(1.0)).isBetween(4.98, 5.02);
    short[] heardB = b.transport.heard();
    assertThat(Tones.goertzelDb(heardB, 8000 * 2, 1600, 660, 8000)).isGreaterThan(-25);
    assertThat(Tones.goertzelDb(heardB, 8000 * 2, 1600, 440, 8000)).isLessThan(-60);
  }
}
