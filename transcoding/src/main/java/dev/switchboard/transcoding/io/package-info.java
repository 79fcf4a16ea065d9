/**
 * Audio files as frame streams, for the {@code transcode} CLI and for recordings: WAV (RIFF/WAVE),
 * raw headerless samples, and Ogg Opus (RFC 7845 over RFC 3533 pages). {@link
 * dev.switchboard.transcoding.io.AudioFiles} picks the container from the file extension.
 *
 * <p>A reader yields {@code PcmFrame}s of the size the caller asks for (and, where the container
 * allows, frames in the stored encoding); a writer accepts frames of any size. Errors about file
 * contents are {@link dev.switchboard.transcoding.io.AudioFileException}s naming the file and the
 * problem.
 *
 * <p>Depends on the JDK and the other {@code dev.switchboard.transcoding} packages only.
 */
package dev.switchboard.transcoding.io;
