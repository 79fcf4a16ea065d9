package dev.switchboard.sip.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

  @Test
  void roundTrips() throws Exception {
    RtpPacket p = new RtpPacket(true, 8, 65535, 0xFFFF_FFF0L, 0xDEADBEEFL, new byte[] {1, 2, 3});
    byte[] wire = p.encode();
    assertThat(RtpPacket.parse(wire, wire.length)).isEqualTo(p);
  }

  @Test
  void skipsCsrcsExtensionAndPadding() throws Exception {
    byte[] wire = {
      (byte) 0xB1,
      0,
      0,
      1,
      0,
      0,
      0,
      2,
      0,
      0,
      0,
      3, // V=2 P=1 X=1 CC=1, PT 0
      0,
      0,
      0,
      9, // CSRC
      (byte) 0xBE,
      (byte) 0xDE,
      0,
      1,
      1,
      2,
      3,
      4, // extension of one word
      42,
      43, // payload
      0,
      0,
      3 // padding, count 3
    };
    RtpPacket p = RtpPacket.parse(wire, wire.length);
    assertThat(p.payload()).containsExactly(42, 43);
    assertThat(p.sequence()).isEqualTo(1);
  }

  @Test
  void defectsAreClassified() {
    assertDefect(new byte[5], RtpPacket.Defect.SHORT);
    byte[] v1 = new byte[20];
    v1[0] = 0x40;
    assertDefect(v1, RtpPacket.Defect.BAD_VERSION);
    byte[] ext = new byte[16];
    ext[0] = (byte) 0x90;
    ext[14] = 0x7F; // extension claims 32k words
    assertDefect(ext, RtpPacket.Defect.BAD_LENGTH);
  }

  @Test
  void rtcpSenderReportRoundTripsWithSdes() {
    ReportBlock block = new ReportBlock(0x1234, 25, -3, 70_000, 80, 0xAABBCCDDL, 65536);
    RtcpPacket.SenderReport sr =
        new RtcpPacket.SenderReport(0x55, 0x0102030405060708L, 160, 10, 1600, List.of(block));
    byte[] wire = RtcpPacket.encodeCompound(sr, "call@switchboard");
    assertThat(RtcpPacket.looksLikeRtcp(wire, wire.length)).isTrue();
    assertThat(RtcpPacket.parse(wire, wire.length)).containsExactly(sr);
    RtcpPacket.ReceiverReport rr = new RtcpPacket.ReceiverReport(7, List.of());
    byte[] rrWire = RtcpPacket.encodeCompound(rr, "x");
    assertThat(rrWire.length % 4).isZero();
    assertThat(RtcpPacket.parse(rrWire, rrWire.length)).containsExactly(rr);
  }

  @Test
  void telephoneEventsAreReportedOncePerTimestamp() {
    DtmfReceiver receiver = new DtmfReceiver();
    StringBuilder digits = new StringBuilder();
    // '5' with marker, two updates, three end packets; then '#' from a sender without marker.
    long[][] packets = {
      {5, 1000, 0, 1},
      {5, 1000, 0, 0},
      {5, 1000, 0, 0},
      {5, 1000, 1, 0},
      {5, 1000, 1, 0},
      {5, 1000, 1, 0},
      {11, 3000, 0, 0},
      {11, 3000, 1, 0}
    };
    int seq = 0;
    for (long[] p : packets) {
      byte[] payload = new TelephoneEvent((int) p[0], p[2] == 1, 10, 160).encode();
      char c = receiver.onPacket(new RtpPacket(p[3] == 1, 101, seq++, p[1], 1, payload));
      if (c != 0) {
        digits.append(c);
      }
    }
    assertThat(digits).hasToString("5#");
    assertThat(receiver.duplicates()).isEqualTo(6);
  }

  @Test
  void receiveStatisticsCountLossAcrossSequenceWrap() {
    ReceiveStatistics stats = new ReceiveStatistics(8000);
    int[] seqs = {65533, 65534, 0, 1, 3}; // 65535 and 2 lost
    long ts = 0;
    for (int s : seqs) {
      stats.onPacket(new RtpPacket(false, 0, s, ts, 1, new byte[160]), ts * 125_000L);
      ts += 160;
    }
    assertThat(stats.cumulativeLost()).isEqualTo(2);
    assertThat(stats.extendedHighestSequence()).isEqualTo(65536 + 3);
    assertThat(stats.report(1, 0, 0).fractionLost()).isEqualTo(2 * 256 / 7);
  }

  private static void assertDefect(byte[] data, RtpPacket.Defect defect) {
    assertThatThrownBy(() -> RtpPacket.parse(data, data.length))
        .isInstanceOfSatisfying(
            RtpPacket.MalformedException.class, e -> assertThat(e.defect()).isEqualTo(defect));
  }
}
