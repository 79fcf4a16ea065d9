/**
 * Audio types and codec/resampler contracts shared by every module: {@link
 * dev.switchboard.transcoding.AudioFormat}, {@link dev.switchboard.transcoding.PcmFrame}, {@link
 * dev.switchboard.transcoding.EncodedFrame}, and the stage interfaces.
 *
 * <p>The transcoding module depends on the JDK only (plus Concentus for Opus); no other Switchboard
 * module and no framework.
 */
package dev.switchboard.transcoding;
