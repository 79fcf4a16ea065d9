package dev.switchboard.sip.media;

import java.util.PriorityQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The RTP send clock of all calls: a few dedicated platform threads (one by default), each owning a
 * deadline-ordered set of per-call 20 ms grids. At a grid's deadline only its cheap, time-critical
 * {@link Grid#onDeadline} runs (send a packet prepared in advance and wake the call's worker), so
 * no call's heavy work (decode, resample, VAD, encode) can delay another call's send.
 *
 * <p>Grids keep absolute deadlines: a late send does not shift the grid. A lane more than {@link
 * #MAX_CATCH_UP_PERIODS} behind for a grid skips whole periods (the phase is kept) and reports how
 * many. Each new grid gets its own phase inside the period (a golden-ratio sequence), so the sends
 * of hundreds of calls are spread evenly instead of bunching on one instant.
 *
 * <p>Threads: {@link #register} and {@link Registration#cancel} from any thread; everything else is
 * confined to the lane's thread. {@link #runDue} is exposed (package-private) so tests drive a
 * scheduler with no threads on their own time line.
 */
public final class MediaScheduler implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MediaScheduler.class);

  /**
   * Deadlines this close ahead run in the same wake-up: with hundreds of calls on spread phases a
   * deadline comes every few tens of microseconds, and waking once per send would cost a context
   * switch each (and a scheduler wake-up latency each on a busy host). A send is thus at most this
   * early, never late because of it; lateness is recorded from the ideal time, early counts as 0.
   */
  static final long COALESCE_NANOS = 500_000L;

  /** Periods a grid may catch up with back-to-back sends before slots are skipped. */
  static final int MAX_CATCH_UP_PERIODS = 5;

  /** The golden ratio's fractional part: consecutive phases fill the period evenly. */
  private static final double PHASE_STEP = 0.6180339887498949;

  /** Threads of the shared scheduler: {@code -Dswitchboard.rtp.sendThreads=N} (default 1). */
  public static final String THREADS_PROPERTY = "switchboard.rtp.sendThreads";

  private static volatile MediaScheduler shared;

  /** Time-critical work of one call at each of its deadlines. */
  @FunctionalInterface
  public interface Grid {
    /**
     * Runs on a send thread at (or after) {@code deadlineNanos}; must be short and never block.
     *
     * @return false to end this grid
     */
    boolean onDeadline(long deadlineNanos, long nowNanos, int skippedPeriods);
  }

  /** A registered grid; {@link #cancel} ends it (idempotent, from any thread). */
  public static final class Registration {
    private final Grid grid;
    private final long periodNanos;
    private long deadlineNanos;
    private volatile boolean cancelled;

    private Registration(Grid grid, long periodNanos, long firstDeadlineNanos) {
      this.grid = grid;
      this.periodNanos = periodNanos;
      this.deadlineNanos = firstDeadlineNanos;
    }

    public void cancel() {
      cancelled = true;
    }

    /** The first deadline (for tests and logs). */
    public long firstDeadlineNanos() {
      return deadlineNanos;
    }
  }

  private final Lane[] lanes;
  private final long epochNanos;
  private final AtomicInteger grids = new AtomicInteger();

  /**
   * @param threads dedicated send threads; 0 makes a scheduler driven by {@link #runDue} (tests)
   */
  public MediaScheduler(int threads, String name) {
    this.epochNanos = System.nanoTime();
    int laneCount = Math.max(1, threads);
    this.lanes = new Lane[laneCount];
    for (int i = 0; i < laneCount; i++) {
      lanes[i] = new Lane();
      if (threads > 0) {
        Lane lane = lanes[i];
        lane.thread =
            Thread.ofPlatform()
                .name(name + "-" + i)
                .daemon()
                .priority(Thread.MAX_PRIORITY)
                .start(lane::run);
      }
    }
  }

  /** The process-wide scheduler used by {@link MediaConfig#defaults}. */
  public static MediaScheduler shared() {
    MediaScheduler s = shared;
    if (s == null) {
      synchronized (MediaScheduler.class) {
        s = shared;
        if (s == null) {
          int threads = Integer.getInteger(THREADS_PROPERTY, 1);
          if (threads < 1) {
            throw new IllegalArgumentException(
                THREADS_PROPERTY + " must be at least 1, was " + threads);
          }
          s = new MediaScheduler(threads, "rtp-send");
          shared = s;
        }
      }
    }
    return s;
  }

  /**
   * Starts a grid of {@code periodNanos} whose first deadline is at least one period from {@code
   * nowNanos}, at this grid's own phase.
   */
  public Registration register(Grid grid, long periodNanos, long nowNanos) {
    int n = grids.getAndIncrement();
    long phase = (long) (((n * PHASE_STEP) % 1.0) * periodNanos);
    long earliest = nowNanos + periodNanos;
    long k = Math.floorDiv(earliest - epochNanos - phase + periodNanos - 1, periodNanos);
    long first = epochNanos + phase + k * periodNanos;
    Lane lane = lanes[Math.floorMod(n, lanes.length)];
    Registration r = new Registration(grid, periodNanos, first);
    lane.incoming.add(r);
    Thread t = lane.thread;
    if (t != null) {
      LockSupport.unpark(t);
    }
    return r;
  }

  /**
   * Runs every deadline due at {@code nowNanos} on the first lane; returns how many ran. For tests
   * of a scheduler made with no threads.
   */
  int runDue(long nowNanos) {
    return lanes[0].runDue(nowNanos, 0, false);
  }

  /** As the send threads run: deadlines up to {@link #COALESCE_NANOS} ahead run now. */
  int runDueCoalesced(long nowNanos) {
    return lanes[0].runDue(nowNanos, COALESCE_NANOS, false);
  }

  @Override
  public void close() {
    for (Lane lane : lanes) {
      lane.stopped = true;
      if (lane.thread != null) {
        LockSupport.unpark(lane.thread);
      }
    }
  }

  /** One send thread and its grids. */
  private static final class Lane {
    final ConcurrentLinkedQueue<Registration> incoming = new ConcurrentLinkedQueue<>();
    final PriorityQueue<Registration> due =
        new PriorityQueue<>((a, b) -> Long.compare(a.deadlineNanos, b.deadlineNanos));
    volatile Thread thread;
    volatile boolean stopped;

    void run() {
      while (!stopped) {
        runDue(System.nanoTime(), COALESCE_NANOS, true);
        Registration head = due.peek();
        if (head == null) {
          LockSupport.park(this);
        } else {
          long waitNanos = head.deadlineNanos - COALESCE_NANOS - System.nanoTime();
          if (waitNanos > 0) {
            LockSupport.parkNanos(this, waitNanos);
          }
        }
      }
    }

    /**
     * Runs every grid whose deadline is at most {@code aheadNanos} after {@code nowNanos}. With
     * {@code live} each grid is told the time of its own send (a burst of sends takes time, and the
     * lateness recorded must be the real one), otherwise {@code nowNanos} (tests' own time line).
     */
    int runDue(long nowNanos, long aheadNanos, boolean live) {
      for (Registration r; (r = incoming.poll()) != null; ) {
        due.add(r);
      }
      int ran = 0;
      while (!due.isEmpty() && due.peek().deadlineNanos - aheadNanos <= nowNanos) {
        Registration r = due.poll();
        if (r.cancelled) {
          continue;
        }
        int skipped = 0;
        long sendNanos = live ? System.nanoTime() : nowNanos;
        long behind = Math.max(0, sendNanos - r.deadlineNanos) / r.periodNanos;
        if (behind >= MAX_CATCH_UP_PERIODS) {
          // Too far behind to catch up with a burst: give up whole slots, keeping the phase.
          skipped = (int) Math.min(Integer.MAX_VALUE, behind);
          r.deadlineNanos += behind * r.periodNanos;
        }
        boolean keep;
        try {
          keep = r.grid.onDeadline(r.deadlineNanos, sendNanos, skipped);
        } catch (RuntimeException e) {
          // One call's bug must not stop every call's sends: keep its grid going.
          log.warn("RTP send grid {} failed: {}", r.grid, e.toString(), e);
          keep = true;
        }
        ran++;
        r.deadlineNanos += r.periodNanos;
        if (keep && !r.cancelled) {
          due.add(r);
        }
      }
      return ran;
    }
  }
}
