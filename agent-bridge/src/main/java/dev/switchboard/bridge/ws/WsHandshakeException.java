package dev.switchboard.bridge.ws;

import java.io.IOException;

/** The server did not switch protocols (RFC 6455 section 4.1): its HTTP status and why. */
public final class WsHandshakeException extends IOException {

  private final int statusCode;

  WsHandshakeException(int statusCode, String message) {
    super(message);
    this.statusCode = statusCode;
  }

  /** The HTTP status of the server's answer (101 when the upgrade answer itself was invalid). */
  public int statusCode() {
    return statusCode;
  }
}
