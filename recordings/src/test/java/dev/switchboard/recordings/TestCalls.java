package dev.switchboard.recordings;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.bridge.backend.Usage;
import dev.switchboard.recordings.storage.FileSystemStore;
import java.nio.file.Path;
import java.time.Duration;

/** Recorded calls for tests of what reads recordings (replay, index). */
public final class TestCalls {

  private TestCalls() {}

  /**
   * Records a two-turn call on a manual clock: the caller asks at 0.5-1.5 s and 4.0-5.0 s; the
   * agent answers "Original answer one." at 2.0 s and "Original answer two." at 5.6 s. Returns its
   * directory.
   */
  public static Path recordTwoTurnCall(FileSystemStore store, String callId) throws Exception {
    RecordedCall c = new RecordedCall(store.root(), callId, RecordingConfig.defaults());
    c.transport.callerSignal(RecordedCall.caller(9, -20, 21, 0.5, 1.5, 4.0, 5.0));
    c.backend.at(Duration.ofMillis(1500), new BackendEvent.SpeechStopped("item-u1", 1500));
    c.backend.at(
        Duration.ofMillis(1900), new BackendEvent.UserTranscript("item-u1", "first question"));
    c.backend.speak(
        Duration.ofMillis(2000),
        "resp-1",
        "item-a1",
        RecordedCall.agentTone(1, 500),
        4,
        "Original answer one.");
    c.backend.at(Duration.ofMillis(5000), new BackendEvent.SpeechStopped("item-u2", 5000));
    c.backend.at(
        Duration.ofMillis(5500), new BackendEvent.UserTranscript("item-u2", "second question"));
    c.backend.speak(
        Duration.ofMillis(5600),
        "resp-2",
        "item-a2",
        RecordedCall.agentTone(1, 550),
        4,
        "Original answer two.");
    c.backend.at(
        Duration.ofMillis(6000),
        new BackendEvent.ResponseDone("resp-x", "completed", new Usage(5, 100, 0, 10, 200)));
    c.start();
    c.runUntil(9);
    c.hangUpAndFinish();
    return c.recorder.directory();
  }
}
