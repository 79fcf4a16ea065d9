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
}
