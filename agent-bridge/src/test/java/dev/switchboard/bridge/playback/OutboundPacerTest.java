package dev.switchboard.bridge.playback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.transport.PlaybackSink;
import dev.switchboard.transcoding.PcmFrame;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutboundPacerTest {

  private static final long MS = 1_000_000;

  /** Records writes, marks and clears. */
  static final class RecordingSink implements PlaybackSink {
    final List<String> log = new ArrayList<>();

    @Override
    public int sampleRateHz() {
      return 8000;
    }

    @Override
    public void write(PcmFrame frame) {
      log.add("w");
    }

    @Override
    public void mark(String name) {
      log.add("m");
    }

    @Override
    public void clear() {
      log.add("c");
    }
  }

  @Test
  void keepsAtMostTheLeadAtTheCarrier() {
    RecordingSink sink = new RecordingSink();
    PacedPlaybackTracker tracker = new PacedPlaybackTracker();
    List<Long> playAt = new ArrayList<>();
    OutboundPacer pacer = new OutboundPacer(sink, tracker, 100_000, (f, at) -> playAt.add(at));
    for (int i = 0; i < 20; i++) {
      pacer.enqueue(new OutboundFrame("a", 0, i * 20_000L, new PcmFrame(new short[160], 8000)));
    }
    assertThat(pacer.pump(0)).isEqualTo(5);
    assertThat(pacer.pump(10 * MS)).isZero();
    assertThat(pacer.pump(20 * MS)).isEqualTo(1);
    assertThat(playAt).containsExactly(0L, 20 * MS, 40 * MS, 60 * MS, 80 * MS, 100 * MS);
    pacer.pause();
    assertThat(pacer.pump(200 * MS)).isZero();
    pacer.resume();
    assertThat(pacer.pump(200 * MS)).isEqualTo(5);
    assertThat(pacer.queuedMicros()).isEqualTo(9 * 20_000L);
  }
}
