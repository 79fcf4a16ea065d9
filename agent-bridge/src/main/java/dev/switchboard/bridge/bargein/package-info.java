/**
 * Barge-in: deciding, frame by frame on the uplink, that the caller is really talking over the
 * agent. An NLMS {@link dev.switchboard.bridge.bargein.EchoCanceller} removes the agent's own voice
 * returned by the line, a {@link dev.switchboard.bridge.bargein.SpeechClassifier} scores the rest,
 * an echo-aware gate rejects what the echo alone can explain, and the {@link
 * dev.switchboard.bridge.bargein.BargeInDetector} state machine turns scores into pause, commit and
 * resume decisions under a {@link dev.switchboard.bridge.bargein.BargeInPolicy}.
 *
 * <p>Depends on {@code dev.switchboard.transcoding} only (pure arithmetic, no clock, no threads),
 * and optionally on the JDK's incubating Vector API: the canceller's filter runs on SIMD
 * instructions when the JVM has {@code --add-modules jdk.incubator.vector} ({@code NlmsKernel}), on
 * scalar code with the same results otherwise.
 */
package dev.switchboard.bridge.bargein;
