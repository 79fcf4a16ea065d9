package dev.switchboard.sip.media;

import dev.switchboard.sip.rtp.RtpPacket;

/** Where the pacer's packets go: the RTP endpoint in production, a list in tests. */
@FunctionalInterface
public interface PacketSender {
  void send(RtpPacket packet);
}
