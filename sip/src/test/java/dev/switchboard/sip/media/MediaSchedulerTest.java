package dev.switchboard.sip.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The send clock driven by hand ({@code runDue} on a scheduler with no threads). */
class MediaSchedulerTest {

  static final long PERIOD = 20_000_000L;
  final MediaScheduler scheduler = new MediaScheduler(0, "test");

  record Run(long deadline, long now, int skipped) {}

  @Test
  void eachGridHasItsOwnPhaseSpreadOverThePeriod() {
    List<Long> phases = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      long first = scheduler.register((d, n, s) -> true, PERIOD, 0).firstDeadlineNanos();
      assertThat(first).as("at least one period ahead").isBetween(PERIOD, 2 * PERIOD - 1);
      phases.add(Math.floorMod(first, PERIOD));
    }
    phases.sort(null);
    for (int i = 1; i < phases.size(); i++) {
      // Golden-ratio phases: 8 grids never come closer than a fraction of period / 8.
      assertThat(phases.get(i) - phases.get(i - 1)).isGreaterThan(PERIOD / 8 / 3);
    }
  }

  @Test
  void lateRunsKeepTheAbsoluteGrid() {
    List<Run> runs = new ArrayList<>();
    var r = scheduler.register((d, n, s) -> runs.add(new Run(d, n, s)), PERIOD, 0);
    long first = r.firstDeadlineNanos();
    assertThat(scheduler.runDue(first - 1)).isZero();
    assertThat(scheduler.runDue(first + 3_000_000)).isEqualTo(1); // 3 ms late
    assertThat(scheduler.runDue(first + PERIOD - 1)).isZero();
    assertThat(scheduler.runDue(first + PERIOD)).isEqualTo(1); // back on the grid, not +3 ms
    // 2.5 periods late: caught up with back-to-back runs at their own deadlines.
    assertThat(scheduler.runDue(first + 4 * PERIOD + PERIOD / 2)).isEqualTo(3);
    assertThat(runs)
        .extracting(Run::deadline)
        .containsExactly(
            first, first + PERIOD, first + 2 * PERIOD, first + 3 * PERIOD, first + 4 * PERIOD);
    assertThat(runs).extracting(Run::skipped).containsOnly(0);
  }

  @Test
  void farBehindSkipsWholePeriodsAndKeepsThePhase() {
    List<Run> runs = new ArrayList<>();
    var r = scheduler.register((d, n, s) -> runs.add(new Run(d, n, s)), PERIOD, 0);
    long first = r.firstDeadlineNanos();
    long now = first + 12 * PERIOD + 5_000_000; // a 245 ms stall
    assertThat(scheduler.runDue(now)).isEqualTo(1);
    assertThat(runs.get(0).skipped()).isEqualTo(12);
    assertThat(runs.get(0).deadline()).isEqualTo(first + 12 * PERIOD);
    assertThat(scheduler.runDue(first + 13 * PERIOD)).isEqualTo(1);
  }

  @Test
  void cancelledAndFinishedGridsStopAndAFailingGridDoesNotStopOthers() {
    List<String> ran = new ArrayList<>();
    var cancelled = scheduler.register((d, n, s) -> ran.add("cancelled"), PERIOD, 0);
    scheduler.register((d, n, s) -> ran.add("once") && false, PERIOD, 0);
    scheduler.register(
        (d, n, s) -> {
          throw new IllegalStateException("bug in one call");
        },
        PERIOD,
        0);
    scheduler.register((d, n, s) -> ran.add("healthy"), PERIOD, 0);
    cancelled.cancel();
    scheduler.runDue(2 * PERIOD);
    scheduler.runDue(3 * PERIOD);
    scheduler.runDue(4 * PERIOD);
    assertThat(ran).doesNotContain("cancelled");
    assertThat(ran).containsOnlyOnce("once");
    assertThat(ran.stream().filter("healthy"::equals)).hasSize(3);
  }

  @Test
  void deadlinesJustAheadRunInTheSameWakeUpAndNeverShiftTheGrid() {
    List<Run> runs = new ArrayList<>();
    var r = scheduler.register((d, n, s) -> runs.add(new Run(d, n, s)), PERIOD, 0);
    long first = r.firstDeadlineNanos();
    assertThat(scheduler.runDueCoalesced(first - MediaScheduler.COALESCE_NANOS - 1)).isZero();
    assertThat(scheduler.runDueCoalesced(first - MediaScheduler.COALESCE_NANOS / 2)).isEqualTo(1);
    assertThat(scheduler.runDueCoalesced(first + PERIOD - MediaScheduler.COALESCE_NANOS))
        .isEqualTo(1);
    assertThat(runs).extracting(Run::deadline).containsExactly(first, first + PERIOD);
    assertThat(runs).extracting(Run::skipped).containsOnly(0);
  }
}
