package dev.switchboard.transcoding.io;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.PcmFrame;
import java.io.Closeable;
import java.io.IOException;

/**
 * A stream of audio read from a file as frames. Single-threaded; close it when done.
 *
 * <p>{@link #read(int)} always yields mono PCM: stereo files are mixed down (the average of both
 * channels), which is what a call leg carries.
 */
public interface AudioReader extends Closeable {

  /** The format as stored, e.g. {@code pcmu/8000}, {@code pcm16/16000/2} or {@code opus/48000}. */
  AudioFormat format();

  /** Rate of the frames {@link #read(int)} returns. */
  int sampleRateHz();

  /**
   * The next {@code samples} samples as one mono frame: exactly that many, except the last frame of
   * the stream which may be shorter.
   *
   * @return the frame, or {@code null} at the end of the stream
   */
  PcmFrame read(int samples) throws IOException;
}
