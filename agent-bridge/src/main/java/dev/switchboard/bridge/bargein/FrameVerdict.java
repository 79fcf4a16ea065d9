package dev.switchboard.bridge.bargein;

/**
 * The uplink analyser's verdict on one caller frame.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param speech the frame counts as caller speech for barge-in
 * @param energyDbfs level after echo cancellation
 * @param speechProbability the classifier's score
 * @param echoCeilingDbfs the loudest echo expected in this frame (-120 when the agent is silent)
 */
public record FrameVerdict(
    boolean speech, double energyDbfs, double speechProbability, double echoCeilingDbfs) {}
