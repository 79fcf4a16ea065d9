package dev.switchboard.bridge.playback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transcoding.PcmFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarkPlaybackTrackerTest {

  private static final long MS = 1_000_000;

  private static OutboundFrame frame(String item, int index) {
    return new OutboundFrame(item, 0, index * 20_000L, new PcmFrame(new short[160], 8000));
  }

  @Test
  void positionFollowsPlayoutAndMarksConfirmIt() {
    MarkPlaybackTracker t = new MarkPlaybackTracker();
    List<String> marks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      marks.add(t.onWritten(frame("a", i), 0));
    }
    assertThat(t.position(50 * MS).heard().toMillis()).isEqualTo(50);
    assertThat(t.unplayedMicros(50 * MS)).isEqualTo(50_000);
    t.onMarkPlayed(marks.get(1), 70 * MS); // echo 30 ms late: the model stays ahead
    assertThat(t.position(70 * MS).heard().toMillis()).isEqualTo(70);
  }

  @Test
  void clearFreezesPositionAndDiscardsMarksEchoedByIt() {
    MarkPlaybackTracker t = new MarkPlaybackTracker();
    List<String> marks = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      marks.add(t.onWritten(frame("a", i), 0));
    }
    PlaybackTracker.Cleared c = t.clear(30 * MS);
    assertThat(c.position().heard().toMillis()).isEqualTo(30);
    assertThat(c.position().interrupted()).isTrue();
    assertThat(c.unplayed()).hasSize(4); // the cut frame and the three after it
    marks.forEach(m -> t.onMarkPlayed(m, 31 * MS));
    assertThat(t.discardedMarks()).isEqualTo(5);
    assertThat(t.audible(31 * MS)).isFalse();
  }

  @Test
  void modelStopsWhenCarrierStallsWithoutConfirmations() {
    MarkPlaybackTracker t = new MarkPlaybackTracker();
    for (int i = 0; i < 50; i++) {
      t.onWritten(frame("a", i), 0);
    }
    // No mark echoes at all: the model may not run further than the stall allowance.
    assertThat(t.position(900 * MS).heard().toMillis())
        .isEqualTo(MarkPlaybackTracker.STALL_ALLOWANCE_MICROS / 1000);
  }

  @Test
  void foreignMarksAreIgnored() {
    MarkPlaybackTracker t = new MarkPlaybackTracker();
    t.onWritten(frame("a", 0), 0);
    t.onMarkPlayed("someone-else", 5 * MS);
    t.onMarkPlayed("sb.x.y", 5 * MS);
    assertThat(t.discardedMarks()).isZero();
    assertThat(MarkName.parse(new MarkName(3, "item.with.dots", 1, 40_000).encode()))
        .isEqualTo(new MarkName(3, "item.with.dots", 1, 40_000));
  }

  @Test
  void marksEveryIntervalAndAtTheEndOfEachRun() {
    MarkPlaybackTracker t = new MarkPlaybackTracker(100_000);
    List<String> marks = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      marks.add(t.onWritten(frame("a", i), 0, i == 11));
    }
    // Frames 5 and 10 complete an interval; frame 12 ends the run.
    assertThat(marks.stream().filter(m -> m != null).toList())
        .containsExactly(marks.get(4), marks.get(9), marks.get(11));
    assertThat(marks.get(4)).endsWith(".100000.a");
    assertThat(marks.get(11)).endsWith(".240000.a");
    t.onMarkPlayed(marks.get(11), 300 * MS);
    assertThat(t.audible(300 * MS)).isFalse();
    assertThat(t.position(300 * MS).heard().toMillis()).isEqualTo(240);
  }

  @Test
  void coarseMarksWidenTheStallAllowanceByTheInterval() {
    MarkPlaybackTracker t = new MarkPlaybackTracker(100_000);
    for (int i = 0; i < 50; i++) {
      t.onWritten(frame("a", i), 0, false);
    }
    assertThat(t.position(900 * MS).heard().toMillis())
        .isEqualTo(MarkPlaybackTracker.STALL_ALLOWANCE_MICROS / 1000 + 80);
  }

  @Test
  void rejectsAnIntervalShorterThanAFrame() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new MarkPlaybackTracker(10_000))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("10000");
  }
}
