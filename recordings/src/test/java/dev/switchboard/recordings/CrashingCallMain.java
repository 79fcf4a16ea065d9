package dev.switchboard.recordings;

import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.recordings.storage.FileSystemStore;
import dev.switchboard.testkit.Tones;
import dev.switchboard.transcoding.PcmFrame;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * A synthetic live call for {@link CrashRecoveryIT}, run in its own JVM: records in real time
 * (caller 440 Hz, agent 1 kHz, one 20 ms frame each per tick on the wall clock) and prints {@code
 * fed MS} after each tick, until the test kills it with SIGKILL.
 */
public final class CrashingCallMain {

  private CrashingCallMain() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of(args[0]);
    CallInfo info = new CallInfo("crash-1", "fake", "CAcrash", "+15550001", "+15550002", Map.of());
    CallRecorder recorder =
        CallRecorder.start(
            new FileSystemStore(root),
            RecordingConfig.defaults(),
            new CallContext(info, "crash-flow", "synthetic", "none", null, Instant.now(), null),
            null);
    short[] caller = Tones.sine(440, -12, 20_000, 8000);
    short[] agent = Tones.sine(1000, -12, 20_000, 8000);
    recorder.onEvent(new CallEvent.CallStarted(Duration.ZERO, info.callId(), "synthetic"));
    long origin = System.nanoTime();
    for (int k = 0; k < 1000; k++) {
      long due = origin + (k + 1) * 20_000_000L;
      LockSupport.parkNanos(due - System.nanoTime()); // the tap cadence of a live call
      Duration at = Duration.ofMillis(20L * k);
      recorder.onCallerAudio(at, frame(caller, k));
      recorder.onAgentAudio(at, frame(agent, k));
      if (k == 25) {
        recorder.onEvent(
            new CallEvent.TranscriptEntry(
                at, "caller", "item-1", "hello from before the crash", Duration.ZERO, false));
      }
      System.out.println("fed " + 20L * (k + 1));
      System.out.flush();
    }
  }

  private static PcmFrame frame(short[] tone, int k) {
    short[] s = new short[160];
    System.arraycopy(tone, (k * 160) % (tone.length - 160), s, 0, 160);
    return new PcmFrame(s, 8000);
  }
}
