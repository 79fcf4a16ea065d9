package dev.switchboard.bridge.playback;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.transport.PlaybackSink;
import dev.switchboard.transcoding.PcmFrame;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Coarser marks (one per chunk instead of one per 20 ms frame) against a simulated Twilio buffer on
 * a manual clock: the pacer and tracker drive a carrier that plays frames back to back after a
 * constant downlink delay and echoes each mark once the audio before it played, after a jittered
 * (in-order) uplink delay. A barge-in clear must report what the caller really heard to within one
 * frame and never more. Round trips stay within the tracker's design envelope (up to 250 ms
 * including jitter, under {@link MarkPlaybackTracker#STALL_ALLOWANCE_MICROS}).
 */
class MarkIntervalTruncationTest {

  private static final long MS = 1_000_000;
  private static final long FRAME_NANOS = 20 * MS;

  /** Twilio's buffer as seen from the server, in the server's clock. */
  static final class SimulatedCarrier implements PlaybackSink {
    final long downNanos;
    final long upNanos;
    long nowNanos;
    long lastEndNanos;
    long lastEchoNanos;
    int framesWritten;
    int marksWritten;
    final List<long[]> played = new ArrayList<>(); // {startNanos, endNanos}
    final ArrayDeque<Object[]> echoes = new ArrayDeque<>(); // {atNanos, name}
    final List<String> clearedMarks = new ArrayList<>();

    SimulatedCarrier(long downNanos, long upNanos) {
      this.downNanos = downNanos;
      this.upNanos = upNanos;
    }

    @Override
    public int sampleRateHz() {
      return 8000;
    }

    @Override
    public void write(PcmFrame frame) {
      long start = Math.max(nowNanos + downNanos, lastEndNanos);
      lastEndNanos = start + FRAME_NANOS;
      played.add(new long[] {start, lastEndNanos});
      framesWritten++;
    }

    @Override
    public void mark(String name) {
      marksWritten++;
      // Echoed when the audio before it has played; TCP keeps echoes in order. Jitter 0..49 ms.
      long jitter = (marksWritten * 37L % 50) * MS;
      long at = Math.max(lastEchoNanos, lastEndNanos + upNanos + jitter);
      lastEchoNanos = at;
      echoes.addLast(new Object[] {at, name});
    }

    @Override
    public void clear() {
      for (Object[] e : echoes) {
        clearedMarks.add((String) e[1]);
      }
      echoes.clear();
    }

    /** Audio the caller heard before a clear sent at {@code clearNanos} reached the buffer. */
    long heardMicros(long clearNanos) {
      long at = clearNanos + downNanos;
      long heard = 0;
      for (long[] p : played) {
        heard += Math.clamp(at - p[0], 0, p[1] - p[0]);
      }
      return heard / 1000;
    }
  }

  @ParameterizedTest(name = "mark every {0} ms, down {1} ms, up {2} ms, barge-in at {3} ms")
  @CsvSource({
    "100, 0, 0, 137",
    "100, 40, 60, 501",
    "100, 40, 60, 1290",
    "100, 80, 120, 2999",
    "100, 15, 180, 777",
    "200, 40, 60, 1555",
    "200, 80, 120, 2410",
    "20, 40, 60, 1290",
    "20, 80, 120, 2999"
  })
  void truncationStaysWithinAFrameOfWhatWasHeardAndNeverAbove(
      int markIntervalMillis, int downMillis, int upMillis, int bargeInMillis) {
    SimulatedCarrier carrier = new SimulatedCarrier(downMillis * MS, upMillis * MS);
    MarkPlaybackTracker tracker = new MarkPlaybackTracker(markIntervalMillis * 1000L);
    OutboundPacer pacer = new OutboundPacer(carrier, tracker, 100_000, (f, at) -> {});
    for (int i = 0; i < 250; i++) { // 5 s of agent audio, queued faster than real time
      pacer.enqueue(new OutboundFrame("a", 0, i * 20_000L, new PcmFrame(new short[160], 8000)));
    }
    run(carrier, tracker, pacer, 0, bargeInMillis);

    long bargeInNanos = bargeInMillis * MS;
    PlaybackTracker.Cleared cleared = tracker.clear(bargeInNanos);
    carrier.clear();
    long reportedMicros = cleared.position().heard().toNanos() / 1000;
    long heardMicros = carrier.heardMicros(bargeInNanos);

    assertThat(cleared.position().interrupted()).isTrue();
    assertThat(reportedMicros).isLessThanOrEqualTo(heardMicros);
    assertThat(heardMicros - reportedMicros).isLessThanOrEqualTo(20_000);
    // Fewer marks: about one per interval of audio written.
    assertThat(carrier.marksWritten)
        .isLessThanOrEqualTo(carrier.framesWritten * 20 / markIntervalMillis + 1);
  }

  @ParameterizedTest(name = "mark every {0} ms")
  @CsvSource({"20", "100", "200"})
  void everyItemEndsWithAMarkSoCompletionIsExact(int markIntervalMillis) {
    SimulatedCarrier carrier = new SimulatedCarrier(30 * MS, 50 * MS);
    MarkPlaybackTracker tracker = new MarkPlaybackTracker(markIntervalMillis * 1000L);
    OutboundPacer pacer = new OutboundPacer(carrier, tracker, 100_000, (f, at) -> {});
    // Two items of 13 frames (not a multiple of the interval), back to back.
    for (String item : List.of("a", "b")) {
      for (int i = 0; i < 13; i++) {
        pacer.enqueue(new OutboundFrame(item, 0, i * 20_000L, new PcmFrame(new short[160], 8000)));
      }
    }
    List<String> marks = new ArrayList<>();
    run(carrier, tracker, pacer, 0, 2000, marks);

    // The last mark of each item names its end: 13 frames = 260 ms.
    assertThat(marks).anyMatch(m -> m.endsWith(".260000.a")).anyMatch(m -> m.endsWith(".260000.b"));
    assertThat(tracker.audible(2000 * MS)).isFalse();
    assertThat(tracker.position(2000 * MS).heard().toMillis()).isEqualTo(260);
    assertThat(tracker.position(2000 * MS).itemId()).isEqualTo("b");
  }

  private static void run(
      SimulatedCarrier carrier,
      MarkPlaybackTracker tracker,
      OutboundPacer pacer,
      int fromMillis,
      int toMillis) {
    run(carrier, tracker, pacer, fromMillis, toMillis, new ArrayList<>());
  }

  /** Steps the clock 1 ms at a time: echoes as they arrive, a pump on each echo and 20 ms tick. */
  private static void run(
      SimulatedCarrier carrier,
      MarkPlaybackTracker tracker,
      OutboundPacer pacer,
      int fromMillis,
      int toMillis,
      List<String> echoed) {
    for (int t = fromMillis; t < toMillis; t++) {
      long now = t * MS;
      carrier.nowNanos = now;
      boolean pump = t % 20 == 7;
      while (!carrier.echoes.isEmpty() && (long) carrier.echoes.peekFirst()[0] <= now) {
        String name = (String) carrier.echoes.removeFirst()[1];
        echoed.add(name);
        tracker.onMarkPlayed(name, now);
        pump = true;
      }
      if (pump || t == fromMillis) {
        pacer.pump(now);
      }
    }
    carrier.nowNanos = toMillis * MS;
  }
}
