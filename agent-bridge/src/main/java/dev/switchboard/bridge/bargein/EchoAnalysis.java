package dev.switchboard.bridge.bargein;

/**
 * One uplink frame as seen by the {@link EchoCanceller}.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param micDbfs level before cancellation
 * @param residualDbfs level after cancellation
 * @param echoCeilingDbfs the loudest the remaining echo is expected to be in this frame
 * @param doubleTalk the caller was talking over the agent (adaptation frozen)
 * @param delaySamples estimated bulk delay of the echo path
 * @param diverged the filter's output was far louder than its input: it learned something that is
 *     not echo, so the residual carries the agent's own audio and must not be sent on
 */
public record EchoAnalysis(
    double micDbfs,
    double residualDbfs,
    double echoCeilingDbfs,
    boolean doubleTalk,
    int delaySamples,
    boolean diverged) {}
