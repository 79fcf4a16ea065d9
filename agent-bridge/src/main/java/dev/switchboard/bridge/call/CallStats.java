package dev.switchboard.bridge.call;

/**
 * A call's counters, for metrics.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param callerFramesDropped caller frames dropped by the control queue's overflow policy
 * @param eventsDropped control events dropped by the overflow policy
 * @param lateDeltasDropped agent audio deltas of cancelled responses dropped
 * @param discardedMarks marks echoed because of a clear (not credited as played)
 * @param bargeIns committed barge-ins
 * @param falseInterruptions pauses that resumed (speech shorter than {@code minSpeech})
 * @param listenerFailures exceptions thrown by listeners (caught)
 */
public record CallStats(
    long callerFramesDropped,
    long eventsDropped,
    long lateDeltasDropped,
    long discardedMarks,
    long bargeIns,
    long falseInterruptions,
    long listenerFailures) {}
