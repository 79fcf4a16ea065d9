package dev.switchboard.sip.media;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.sip.rtp.RtcpPacket;
import dev.switchboard.sip.rtp.RtpPacket;
import dev.switchboard.sip.rtp.RtpStats;
import org.junit.jupiter.api.Test;

/** Two RTCP sessions exchanging reports: loss, jitter and RTT land in each side's stats. */
class RtcpSessionTest {

  @Test
  void senderAndReceiverReportsYieldLossAndRoundTrip() {
    RtpStats aliceStats = new RtpStats();
    RtpStats bobStats = new RtpStats();
    RtcpSession alice = new RtcpSession(0xA, "alice", 8000, aliceStats);
    RtcpSession bob = new RtcpSession(0xB, "bob", 8000, bobStats);
    aliceStats.packetsSent.add(10);
    // Bob receives Alice's packets 0..9 except 4.
    for (int seq = 0; seq < 10; seq++) {
      if (seq != 4) {
        bob.onRtp(new RtpPacket(false, 0, seq, 160L * seq, 0xA, new byte[160]), seq * 20_000_000L);
      }
    }
    byte[] sr = alice.report(1600, 0);
    assertThat(RtcpPacket.parse(sr, sr.length).get(0)).isInstanceOf(RtcpPacket.SenderReport.class);
    bob.onRtcp(sr, sr.length, 1_000_000_000L);
    byte[] rr = bob.report(0, 1_000_000_000L);
    assertThat(bobStats.localCumulativeLost.get()).isEqualTo(1);
    alice.onRtcp(rr, rr.length, 1_000_000_000L);
    assertThat(aliceStats.remoteCumulativeLost.get()).isEqualTo(1);
    assertThat(aliceStats.remoteFractionLost.get()).isEqualTo(256 / 10);
    assertThat(aliceStats.roundTripMicros.get()).as("RTT from LSR/DLSR").isBetween(0L, 1_000_000L);
  }
}
