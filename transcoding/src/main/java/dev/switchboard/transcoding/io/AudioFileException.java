package dev.switchboard.transcoding.io;

import java.io.IOException;
import java.nio.file.Path;

/** A file whose contents cannot be read or written as audio; the message names file and cause. */
public final class AudioFileException extends IOException {

  private static final long serialVersionUID = 1L;

  public AudioFileException(Path file, String problem) {
    super(file + ": " + problem);
  }
}
