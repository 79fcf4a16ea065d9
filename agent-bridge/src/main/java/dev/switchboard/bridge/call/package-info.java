/**
 * The call core: {@link dev.switchboard.bridge.call.CallSession}, the single owner of one call's
 * state, driven by a control loop on one virtual thread per call; {@link
 * dev.switchboard.bridge.call.CallConfig}, {@link dev.switchboard.bridge.call.Termination}, and the
 * {@link dev.switchboard.bridge.call.CallEventListener} with its {@link
 * dev.switchboard.bridge.call.CallEvent} records (metrics, transcripts, recording taps).
 *
 * <p>Depends on the transcoding module and the bridge's {@code backend}, {@code transport}, {@code
 * time}, {@code playback}, {@code bargein}, {@code tools} and {@code media} packages; never on a
 * transport implementation, recordings or the server.
 */
package dev.switchboard.bridge.call;
