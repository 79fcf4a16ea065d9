/**
 * Voice activity detection for barge-in on the caller's uplink: {@link
 * dev.switchboard.transcoding.vad.VoiceActivityDetector} turns 10 or 20 ms {@link
 * dev.switchboard.transcoding.PcmFrame}s into {@link dev.switchboard.transcoding.vad.VadResult}s
 * (speech probability, decision with hangover, frame energy in dBFS).
 *
 * <p>Design: four sub-bands (IIR band splits inside 200–3600 Hz, so 16 and 24 kHz input is analysed
 * on its telephone band only), a per-band noise floor from minimum statistics, a mean band SNR
 * mapped to a probability, an immediate onset decision per 10 ms block and a hangover proportional
 * to the speech burst. Echo of the agent's own voice is not handled here: the agent-bridge knows
 * the outbound signal and uses {@link dev.switchboard.transcoding.vad.VadResult#energyDbfs()} for
 * that.
 *
 * <p>Depends on the JDK and {@code dev.switchboard.transcoding} only.
 */
package dev.switchboard.transcoding.vad;
