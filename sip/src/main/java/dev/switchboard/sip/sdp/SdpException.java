package dev.switchboard.sip.sdp;

/**
 * SDP that cannot be used. {@link #sipStatus()} is the response it deserves: 400 for text that is
 * not SDP (RFC 8866 §5 grammar), 488 for valid SDP we cannot accept (RFC 3264 §6, no common codec).
 */
public final class SdpException extends Exception {

  private static final long serialVersionUID = 1L;

  private final int sipStatus;

  public SdpException(int sipStatus, String message) {
    super(message);
    this.sipStatus = sipStatus;
  }

  /** 400 (malformed) or 488 (not acceptable here). */
  public int sipStatus() {
    return sipStatus;
  }

  static SdpException malformed(String message) {
    return new SdpException(400, message);
  }

  static SdpException notAcceptable(String message) {
    return new SdpException(488, message);
  }
}
