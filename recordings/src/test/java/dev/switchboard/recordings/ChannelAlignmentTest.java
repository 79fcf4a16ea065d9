package dev.switchboard.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.recordings.audio.StereoWavFile;
import dev.switchboard.testkit.Signals;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Known offsets between the legs survive recording: noise bursts (sharp correlation peaks) on the
 * caller's uplink and in the agent's audio land where the carrier really had them, found by
 * cross-correlation.
 */
class ChannelAlignmentTest {

  @TempDir Path root;

  @Test
  void bothChannelsLineUpWithWhatWasSaidAndHeardWithinOneFrame() throws Exception {
    RecordedCall c = new RecordedCall(root, "align", RecordingConfig.defaults());
    short[] caller = new short[6 * 8000];
    Signals.mixInto(caller, Signals.noise(11, 1600, -20), 8000); // 200 ms burst at 1.0 s
    c.transport.callerSignal(caller);
    short[] agentBurst = Signals.noise(12, 4000, -20); // 500 ms agent "speech"
    c.backend.speak(Duration.ofMillis(2500), "resp-1", "item-1", agentBurst, 1, "Noise.");
    c.start();
    c.runUntil(6);
    c.hangUpAndFinish();

    StereoWavFile.Channels ch = StereoWavFile.read(c.recorder.directory().resolve("audio.wav"));
    int callerLag = AudioChecks.bestLag(caller, ch.caller().samples(), 7600, 2400, 800);
    assertThat(Math.abs(callerLag)).isLessThanOrEqualTo(160);

    short[] heard = c.transport.heard();
    int heardStart = AudioChecks.energyStart(heard, 0, -40);
    assertThat(heardStart).isPositive();
    int agentLag = AudioChecks.bestLag(heard, ch.agent().samples(), heardStart - 400, 4800, 800);
    assertThat(Math.abs(agentLag)).isLessThanOrEqualTo(160);

    // The offset between the legs as recorded equals the offset the carrier had.
    int recordedOffset =
        AudioChecks.energyStart(ch.agent().samples(), 0, -40)
            - AudioChecks.energyStart(ch.caller().samples(), 0, -40);
    int trueOffset = heardStart - AudioChecks.energyStart(caller, 0, -40);
    assertThat(Math.abs(recordedOffset - trueOffset)).isLessThanOrEqualTo(160);
  }
}
