package dev.switchboard.bridge.call;

import dev.switchboard.bridge.time.MediaClock;
import java.time.Duration;

/**
 * The agent's hang-up (the hang-up tool): once asked, the response that starts next is the goodbye,
 * and the call may end when that response is done and has played. A grace timer ends the call
 * anyway if the goodbye never comes or never finishes playing. Confined to the control loop.
 */
final class AgentHangUp {

  private String reason;
  private boolean goodbyeStarted;
  private boolean goodbyeDone;
  private MediaClock.Timer grace;

  /**
   * Asks for the hang-up once; later requests are ignored (false).
   *
   * @param whenGraceOver runs on the clock's timer thread after {@code graceTime}: it must post
   */
  boolean request(String why, MediaClock clock, Duration graceTime, Runnable whenGraceOver) {
    if (reason != null) {
      return false;
    }
    reason = why;
    grace = clock.schedule(graceTime, whenGraceOver);
    return true;
  }

  boolean requested() {
    return reason != null;
  }

  String reason() {
    return reason;
  }

  /** A response started: after a request, it is the goodbye. */
  void responseStarted() {
    if (reason != null) {
      goodbyeStarted = true;
    }
  }

  /** A response is done: if the goodbye had started, it has now been said in full. */
  void responseDone() {
    if (goodbyeStarted) {
      goodbyeDone = true;
    }
  }

  /**
   * Requested and the goodbye has been generated in full (whether it has played is the caller's).
   */
  boolean goodbyeSaid() {
    return reason != null && goodbyeDone;
  }

  void cancelGrace() {
    if (grace != null) {
      grace.cancel();
    }
  }
}
