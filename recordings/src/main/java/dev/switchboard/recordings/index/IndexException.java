package dev.switchboard.recordings.index;

/** The call index failed (connection, SQL, schema); the message names the operation. */
public final class IndexException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IndexException(String message, Throwable cause) {
    super(message, cause);
  }
}
