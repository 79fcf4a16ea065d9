package dev.switchboard.bridge.call;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.time.MediaClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import org.junit.jupiter.api.Test;

class PlayoutTickerTest {

  private static final long MS = 1_000_000;

  /** Timers run in due order when the test advances time (agent-bridge cannot use testkit). */
  private static final class StepClock implements MediaClock {
    record Entry(long due, long seq, Runnable task, boolean[] cancelled) {}

    final PriorityQueue<Entry> timers =
        new PriorityQueue<>(
            (a, b) -> a.due != b.due ? Long.compare(a.due, b.due) : Long.compare(a.seq, b.seq));
    long now;
    long seq;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public Timer schedule(Duration delay, Runnable task) {
      boolean[] c = {false};
      timers.add(new Entry(now + delay.toNanos(), seq++, task, c));
      return () -> c[0] = true;
    }

    void advanceTo(long t) {
      while (!timers.isEmpty() && timers.peek().due <= t) {
        Entry e = timers.poll();
        now = e.due;
        if (!e.cancelled[0]) {
          e.task.run();
        }
      }
      now = t;
    }
  }

  private final StepClock clock = new StepClock();
  private final List<Long> posted = new ArrayList<>();
  private final PlayoutTicker ticker =
      new PlayoutTicker(
          clock,
          Duration.ofMillis(20),
          PlayoutTicker.fallbackFor(Duration.ofMillis(100), Duration.ofMillis(20)),
          () -> posted.add(clock.now / MS));

  @Test
  void withoutCallerFramesTheTickPostsEvery20Ms() {
    ticker.arm();
    clock.advanceTo(20 * MS);
    assertThat(posted).containsExactly(20L);
    // The posted pump runs, pumps and re-arms, as CallCore does.
    ticker.fired();
    ticker.arm();
    clock.advanceTo(40 * MS);
    assertThat(posted).containsExactly(20L, 40L);
  }

  @Test
  void callerFramesEvery20MsKeepTheTickFromPosting() {
    ticker.arm();
    // Caller frames pump at 12, 32, 52, ... ms: between them the tick only looks and re-arms.
    for (long t = 12; t <= 412; t += 20) {
      clock.advanceTo(t * MS);
      ticker.framePumped(clock.now);
    }
    assertThat(posted).isEmpty();
    assertThat(ticker.armed()).isTrue();
    // The frames stop (last pump at 412 ms): the next look, 60 ms after it, posts.
    clock.advanceTo(500 * MS);
    assertThat(posted).containsExactly(412L + 60);
  }

  @Test
  void fallbackStaysTwoTicksUnderTheLead() {
    Duration tick = Duration.ofMillis(20);
    assertThat(PlayoutTicker.fallbackFor(Duration.ofMillis(100), tick)).hasMillis(60);
    assertThat(PlayoutTicker.fallbackFor(Duration.ofMillis(60), tick)).hasMillis(25);
    assertThat(PlayoutTicker.fallbackFor(Duration.ofMillis(500), tick)).hasMillis(60);
  }

  @Test
  void stopCancelsThePendingTick() {
    ticker.arm();
    clock.advanceTo(10 * MS);
    ticker.stop();
    clock.advanceTo(100 * MS);
    assertThat(posted).isEmpty();
    ticker.arm();
    clock.advanceTo(200 * MS);
    assertThat(posted).isEmpty();
  }

  /**
   * A transport's own tick timers (Twilio: the socket's IO thread) replace the shared timer only on
   * wall-clock time: under an injected clock ticks must follow that clock.
   */
  @Test
  void theTransportsTickClockIsUsedOnlyOnWallClockTime() {
    StepClock transportTimers = new StepClock();
    StepClock injected = new StepClock();
    var system = dev.switchboard.bridge.time.SystemMediaClock.get();
    assertThat(PlayoutTicker.clockFor(transportTimers, system)).isSameAs(transportTimers);
    assertThat(PlayoutTicker.clockFor(null, system)).isSameAs(system);
    assertThat(PlayoutTicker.clockFor(transportTimers, injected)).isSameAs(injected);
  }
}
