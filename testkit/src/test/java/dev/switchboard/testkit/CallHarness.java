package dev.switchboard.testkit;

import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.transcoding.AudioFormat;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** One call wired to test doubles on a manual clock, its control loop run synchronously. */
final class CallHarness {

  static final int RATE = 8000;

  final ManualClock clock = new ManualClock();
  final FakeTransport transport;
  final ScriptedBackend backend = new ScriptedBackend(clock);
  final RecordingCallListener events = new RecordingCallListener();
  CallSession call;

  CallHarness(String callId) {
    transport = new FakeTransport(clock, callId);
  }

  static SessionConfig sessionConfig() {
    return new SessionConfig(
        null,
        "You are a test agent.",
        null,
        AudioFormat.PCM16_8K,
        AudioFormat.PCM16_8K,
        TurnDetection.ServerVad.defaults(),
        null,
        null,
        null,
        null);
  }

  CallHarness start(UnaryOperator<CallConfig> config) {
    call =
        CallSession.builder()
            .transport(transport)
            .backend(backend)
            .config(config.apply(CallConfig.of(sessionConfig())))
            .clock(clock)
            .executor(Runnable::run)
            .listener(events)
            .build()
            .start();
    return this;
  }

  CallHarness start() {
    return start(c -> c);
  }

  void runUntil(double seconds) {
    clock.advanceTo(Duration.ofNanos((long) (seconds * 1e9)));
  }

  ScriptedSession session() {
    return backend.session();
  }

  /** Seconds of agent audio the caller heard from {@code fromSeconds} until it stops. */
  double heardSecondsFrom(double fromSeconds) {
    short[] h = transport.heard();
    int start = (int) Math.round(fromSeconds * RATE);
    int last = start - 1;
    for (int i = start; i < h.length; i++) {
      if (h[i] != 0) {
        last = i;
      }
    }
    return (last + 1 - start) / (double) RATE;
  }

  static short[] at(double seconds, short[] signal, double totalSeconds) {
    short[] out = new short[(int) (totalSeconds * RATE)];
    Signals.mixInto(out, signal, (int) Math.round(seconds * RATE));
    return out;
  }

  /** Caller timeline of {@code totalSeconds} with speech-like bursts at the given intervals. */
  static short[] caller(double totalSeconds, double levelDbfs, long seed, double... fromTo) {
    return Signals.bursts(totalSeconds, levelDbfs, seed, RATE, fromTo);
  }

  /** A steady tone: easy to find in what the caller heard (never exactly zero mid-signal). */
  static short[] agentTone(double seconds, double freqHz) {
    return Tones.steady(freqHz, seconds, RATE);
  }
}
