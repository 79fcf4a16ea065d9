package dev.switchboard.recordings.audio;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transcoding.PcmFrame;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The call-clock placement rules, fed directly (no call, no files). */
class StereoTimelineTest {

  private static final int RATE = 8000;
  private static final int FRAME = 160;

  private static StereoTimeline timeline(PausedSpans paused) {
    return new StereoTimeline(RATE, Duration.ofMillis(20), Duration.ofMillis(40), paused);
  }

  /** Drains and returns the absolute sample index of the first non-zero sample per channel. */
  private static final class Sink {
    long callerMark = -1;
    long agentMark = -1;
    long written;

    void take(StereoTimeline.Stereo s) {
      if (s == null) {
        return;
      }
      short[] l = s.left().samples();
      short[] r = s.right().samples();
      for (int i = 0; i < l.length; i++) {
        if (callerMark < 0 && l[i] != 0) {
          callerMark = s.startSample() + i;
        }
        if (agentMark < 0 && r[i] != 0) {
          agentMark = s.startSample() + i;
        }
      }
      written = s.startSample() + l.length;
    }
  }

  private static PcmFrame impulseFrame(boolean impulse) {
    short[] s = new short[FRAME];
    if (impulse) {
      s[0] = 10_000;
    }
    return new PcmFrame(s, RATE);
  }

  @ParameterizedTest
  @ValueSource(ints = {50, -50})
  void channelsStayWithinOneFrameOverAnHourOfClockDrift(int ppm) {
    // The far end's 8 kHz clock runs ppm off ours: frame k arrives at k * 20 ms * (1 + ppm/1e6).
    StereoTimeline t = timeline(new PausedSpans());
    Sink sink = new Sink();
    long frames = 3600L * 50;
    long markFrame = frames - 10;
    for (long k = 0; k < frames; k++) {
      long atNanos = (long) (k * 20_000_000L * (1 + ppm / 1e6));
      Duration at = Duration.ofNanos(atNanos);
      t.callerAudio(at, impulseFrame(k == markFrame));
      if (k == markFrame) {
        t.agentAudio(at, impulseFrame(true)); // the agent's sound at the same call-clock instant
      }
      if (k % 5 == 0) {
        sink.take(t.drain());
      }
    }
    sink.take(t.drainAll(Duration.ofNanos((long) (frames * 20_000_000L * (1 + ppm / 1e6)))));

    assertThat(sink.callerMark).isPositive();
    assertThat(sink.agentMark).isPositive();
    assertThat(Math.abs(sink.callerMark - sink.agentMark)).isLessThanOrEqualTo(FRAME);
    // 50 ppm over an hour is 180 ms: without resynchronisation the marks would be 1440 samples
    // apart.
    assertThat(t.resyncs()).isPositive();
  }

  @Test
  void lostCallerFramesBecomeSilenceAndKeepAlignment() {
    StereoTimeline t = timeline(new PausedSpans());
    Sink sink = new Sink();
    for (int k = 0; k < 100; k++) {
      if (k >= 40 && k < 45) {
        continue; // 100 ms lost in the network
      }
      Duration at = Duration.ofMillis(20L * k);
      t.callerAudio(at, impulseFrame(k == 80));
      if (k == 80) {
        t.agentAudio(at, impulseFrame(true));
      }
      sink.take(t.drain());
    }
    sink.take(t.drainAll(Duration.ofSeconds(2)));
    assertThat(sink.callerMark).isEqualTo(80L * FRAME);
    assertThat(sink.agentMark).isEqualTo(80L * FRAME);
    assertThat(sink.written).isEqualTo(100L * FRAME);
  }

  @Test
  void jitterWithinAFrameDoesNotChopTheCallerStream() {
    StereoTimeline t = timeline(new PausedSpans());
    Sink sink = new Sink();
    for (int k = 0; k < 50; k++) {
      long jitterMillis = (k % 3) * 6; // 0, 6, 12 ms late
      t.callerAudio(Duration.ofMillis(20L * k + jitterMillis), impulseFrame(k == 30));
      sink.take(t.drain());
    }
    sink.take(t.drainAll(Duration.ofSeconds(1)));
    assertThat(t.resyncs()).isZero();
    assertThat(sink.callerMark).isEqualTo(30L * FRAME);
  }

  @Test
  void clearedAgentAudioIsForgottenAndPausesSilenceBothChannels() {
    PausedSpans paused = new PausedSpans();
    StereoTimeline t = timeline(paused);
    short[] tone = new short[FRAME];
    java.util.Arrays.fill(tone, (short) 1000);
    for (int k = 0; k < 10; k++) {
      t.agentAudio(Duration.ofMillis(20L * k), new PcmFrame(tone.clone(), RATE));
    }
    t.playbackCleared(Duration.ofMillis(100)); // frames 5..9 were sent ahead but never heard
    paused.pause(Duration.ofMillis(40), "pci");
    paused.resume(Duration.ofMillis(60));
    for (int k = 0; k < 10; k++) {
      t.callerAudio(Duration.ofMillis(20L * k), new PcmFrame(tone.clone(), RATE));
    }
    StereoTimeline.Stereo s = t.drainAll(Duration.ofMillis(200));
    short[] agent = s.right().samples();
    short[] caller = s.left().samples();
    assertThat(agent[0]).isEqualTo((short) 1000);
    assertThat(agent[319]).isEqualTo((short) 1000);
    assertThat(agent[320]).isZero(); // paused 40-60 ms
    assertThat(caller[479]).isZero();
    assertThat(agent[480]).isEqualTo((short) 1000);
    assertThat(agent[799]).isEqualTo((short) 1000);
    assertThat(agent[800]).isZero(); // cleared at 100 ms
    assertThat(caller[1599]).isEqualTo((short) 1000);
  }
}
