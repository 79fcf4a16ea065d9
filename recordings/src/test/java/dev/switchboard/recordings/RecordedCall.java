package dev.switchboard.recordings;

import dev.switchboard.bridge.backend.SessionConfig;
import dev.switchboard.bridge.backend.TurnDetection;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.recordings.storage.FileSystemStore;
import dev.switchboard.testkit.FakeTransport;
import dev.switchboard.testkit.ManualClock;
import dev.switchboard.testkit.RecordingCallListener;
import dev.switchboard.testkit.ScriptedBackend;
import dev.switchboard.testkit.Signals;
import dev.switchboard.testkit.Tones;
import dev.switchboard.transcoding.AudioFormat;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * One call on a manual clock with a {@link CallRecorder} listening; the control loop is
 * synchronous.
 */
final class RecordedCall {

  static final int RATE = 8000;

  final ManualClock clock = new ManualClock();
  final FakeTransport transport;
  final ScriptedBackend backend = new ScriptedBackend(clock);
  final RecordingCallListener events = new RecordingCallListener();
  final FileSystemStore store;
  final CallRecorder recorder;
  CallSession call;

  RecordedCall(Path root, String callId, RecordingConfig config) throws Exception {
    transport = new FakeTransport(clock, callId);
    store = new FileSystemStore(root);
    recorder =
        CallRecorder.start(
            store,
            config,
            new CallContext(
                transport.info(),
                "test-flow",
                backend.name(),
                "scripted-model",
                null,
                Instant.parse("2026-01-02T03:04:05Z"),
                null),
            null);
  }

  RecordedCall start() {
    call =
        CallSession.builder()
            .transport(transport)
            .backend(backend)
            .config(CallConfig.of(sessionConfig()))
            .clock(clock)
            .executor(Runnable::run)
            .listener(events)
            .listener(recorder)
            .build()
            .start();
    return this;
  }

  void runUntil(double seconds) {
    clock.advanceTo(Duration.ofNanos((long) (seconds * 1e9)));
  }

  /** The caller hangs up; waits (bounded) for the recording to close. */
  RecordingMetadata hangUpAndFinish() throws Exception {
    transport.callerHangsUp();
    clock.advance(Duration.ofMillis(20));
    return recorder.finished().get(10, TimeUnit.SECONDS);
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

  /** Caller timeline with speech-like bursts at the given intervals. */
  static short[] caller(double totalSeconds, double levelDbfs, long seed, double... fromTo) {
    return Signals.bursts(totalSeconds, levelDbfs, seed, RATE, fromTo);
  }

  /** A steady tone, never exactly zero mid-signal. */
  static short[] agentTone(double seconds, double freqHz) {
    return Tones.steady(freqHz, seconds, RATE);
  }
}
