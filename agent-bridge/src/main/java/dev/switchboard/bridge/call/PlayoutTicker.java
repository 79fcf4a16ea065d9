package dev.switchboard.bridge.call;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.time.SystemMediaClock;
import java.time.Duration;

/**
 * The 20 ms playout tick of one call, armed while agent audio plays. Caller frames pump the playout
 * too (they arrive every 20 ms while the caller's stream flows), so a tick that finds the next
 * caller frame due within {@link #SLACK_NANOS} does not wake the control thread: it only looks
 * again, {@code fallback} after the last frame. While frames flow the control thread then wakes
 * once per 20 ms instead of twice, and the timer only every 40-60 ms; when frames stop (a gap, a
 * transport without uplink frames) the next look posts the pump and ticks go back to every 20 ms.
 *
 * <p>A pump up to {@code fallback} after the last one is harmless while the fallback stays under
 * the carrier's lead: the pacer keeps that lead (100 ms by default) topped up, so the audio already
 * queued there covers the wait ({@link #fallbackFor} keeps two ticks of margin).
 *
 * <p>Threads: {@link #arm}, {@link #armed}, {@link #fired} and {@link #framePumped} on the control
 * thread; the timer callback on the clock's timer thread; {@link #stop} from the control thread.
 */
final class PlayoutTicker {

  /** Least margin between a look and the next caller frame's pump (they come every 20 ms). */
  static final long SLACK_NANOS = 5_000_000;

  private final MediaClock clock;
  private final long tickNanos;
  private final long fallbackNanos;
  private final Runnable postPump;
  private final Runnable onTimer = this::onTimer;
  private volatile long lastFramePumpNanos = Long.MIN_VALUE / 2;
  private volatile boolean stopped;
  private MediaClock.Timer timer; // guarded by this
  private boolean armed; // control thread

  /**
   * @param fallback how long after the last pump a look posts one at the latest ({@link
   *     #fallbackFor})
   * @param postPump posts a task onto the control thread that calls {@link #fired} and pumps
   */
  PlayoutTicker(MediaClock clock, Duration tick, Duration fallback, Runnable postPump) {
    this.clock = clock;
    this.tickNanos = tick.toNanos();
    this.fallbackNanos = Math.max(fallback.toNanos(), tickNanos + SLACK_NANOS);
    this.postPump = postPump;
  }

  /**
   * The fallback for a carrier lead: two ticks under the lead (so at least 40 ms of queued audio
   * remain when a late pump comes), at most three ticks, at least one tick plus the slack.
   */
  static Duration fallbackFor(Duration lead, Duration tick) {
    long t = tick.toNanos();
    return Duration.ofNanos(Math.clamp(lead.toNanos() - 2 * t, t + SLACK_NANOS, 3 * t));
  }

  /**
   * The clock to time ticks with: the transport's own timers ({@link
   * dev.switchboard.bridge.transport.CallTransport#tickClock}) while the session runs on wall-clock
   * time, else the session's clock (an injected test clock keeps control of ticks).
   */
  static MediaClock clockFor(MediaClock transportTimers, MediaClock sessionClock) {
    return transportTimers != null && sessionClock instanceof SystemMediaClock
        ? transportTimers
        : sessionClock;
  }

  /** Control thread: a caller frame pumped the playout at {@code nowNanos}. */
  void framePumped(long nowNanos) {
    lastFramePumpNanos = nowNanos;
  }

  /** Control thread: a tick is pending (timer running or its pump posted). */
  boolean armed() {
    return armed;
  }

  /** Control thread: starts a tick one period from now unless one is pending. */
  void arm() {
    if (armed || stopped) {
      return;
    }
    armed = true;
    schedule(tickNanos);
  }

  /** Control thread: the posted pump of a tick runs; the next {@link #arm} starts a new tick. */
  void fired() {
    armed = false;
  }

  /** Cancels the pending tick for good (the call ended). */
  void stop() {
    stopped = true;
    MediaClock.Timer t;
    synchronized (this) {
      t = timer;
      timer = null;
    }
    if (t != null) {
      t.cancel();
    }
  }

  private void schedule(long delayNanos) {
    synchronized (this) {
      if (!stopped) {
        timer = clock.schedule(Duration.ofNanos(delayNanos), onTimer);
      }
    }
  }

  /** Timer thread. */
  private void onTimer() {
    if (stopped) {
      return;
    }
    long sinceFrame = clock.nanoTime() - lastFramePumpNanos;
    if (sinceFrame < tickNanos + SLACK_NANOS) {
      // Frames flow (the next is due within the slack): they pump; look again later.
      schedule(fallbackNanos - sinceFrame);
      return;
    }
    postPump.run();
  }
}
