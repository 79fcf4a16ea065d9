/**
 * Audio types and codec/resampler contracts shared by every module: {@link
 * dev.switchboard.transcoding.AudioFormat}, {@link dev.switchboard.transcoding.PcmFrame}, {@link
 * dev.switchboard.transcoding.EncodedFrame}, the stage interfaces, and {@link
 * dev.switchboard.transcoding.Codecs}, the one factory from a format to its codec (subpackages
 * {@code g711}, {@code pcm}, {@code opus}); file containers live in {@code io}.
 *
 * <p>The transcoding module depends on the JDK only (plus Concentus for Opus); no other Switchboard
 * module and no framework.
 */
package dev.switchboard.transcoding;
