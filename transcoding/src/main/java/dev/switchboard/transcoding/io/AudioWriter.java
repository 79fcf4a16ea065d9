package dev.switchboard.transcoding.io;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.transcoding.PcmFrame;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;

/**
 * A file being written frame by frame. Frames may have any length. {@link #flush()} leaves a file
 * that other programs can already play up to that point; {@link #close()} finalises it and is
 * idempotent. Single-threaded.
 */
public interface AudioWriter extends Closeable, Flushable {

  /** The stored format. */
  AudioFormat format();

  /**
   * Appends mono PCM at the format's rate, encoding it as stored. Stereo files get the frame on
   * both channels.
   */
  void write(PcmFrame frame) throws IOException;

  /** Appends audio already in the stored format (G.711 bytes, Opus packets...) unchanged. */
  void write(EncodedFrame frame) throws IOException;
}
