package dev.switchboard.sip.sdp;

/**
 * Our side of the SDP: the address we advertise, our RTP port, and the {@code o=} session id and
 * version (RFC 3264 §8: the version goes up by one with every new description we send).
 */
public record LocalMedia(String address, int rtpPort, long sessionId, long sessionVersion) {

  public LocalMedia next() {
    return new LocalMedia(address, rtpPort, sessionId, sessionVersion + 1);
  }
}
