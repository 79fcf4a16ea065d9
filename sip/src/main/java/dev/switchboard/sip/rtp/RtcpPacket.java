package dev.switchboard.sip.rtp;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * RTCP compound packets (RFC 3550 §6): the sender and receiver reports we send and read. Other
 * packet types (SDES, BYE, APP, RTPFB...) are skipped on parse.
 */
public sealed interface RtcpPacket {

  int SR = 200;
  int RR = 201;
  int SDES = 202;

  /**
   * Sender report (§6.4.1).
   *
   * @param ntpTimestamp 64-bit NTP time of sending
   */
  record SenderReport(
      long ssrc,
      long ntpTimestamp,
      long rtpTimestamp,
      long packetCount,
      long octetCount,
      List<ReportBlock> reports)
      implements RtcpPacket {}

  /** Receiver report (§6.4.2). */
  record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {}

  /** RFC 5761 §4: on a muxed port, RTCP packet types 192–223 sit where RTP has PT 64–95. */
  static boolean looksLikeRtcp(byte[] data, int length) {
    if (length < 8 || ((data[0] & 0xFF) >>> 6) != 2) {
      return false;
    }
    int type = data[1] & 0xFF;
    return type >= 192 && type <= 223;
  }

  /** Parses every SR/RR in a compound packet; malformed tails end parsing quietly. */
  static List<RtcpPacket> parse(byte[] data, int length) {
    List<RtcpPacket> out = new ArrayList<>(2);
    int offset = 0;
    while (offset + 8 <= length) {
      int b0 = data[offset] & 0xFF;
      if ((b0 >>> 6) != 2) {
        break;
      }
      int count = b0 & 0x1F;
      int type = data[offset + 1] & 0xFF;
      int words = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
      int end = offset + 4 * (words + 1);
      if (end > length) {
        break;
      }
      long ssrc = RtpPacket.readUint32(data, offset + 4);
      if (type == SR && end >= offset + 28 + 24 * count) {
        long ntp =
            (RtpPacket.readUint32(data, offset + 8) << 32)
                | RtpPacket.readUint32(data, offset + 12);
        out.add(
            new SenderReport(
                ssrc,
                ntp,
                RtpPacket.readUint32(data, offset + 16),
                RtpPacket.readUint32(data, offset + 20),
                RtpPacket.readUint32(data, offset + 24),
                blocks(data, offset + 28, count)));
      } else if (type == RR && end >= offset + 8 + 24 * count) {
        out.add(new ReceiverReport(ssrc, blocks(data, offset + 8, count)));
      }
      offset = end;
    }
    return out;
  }

  private static List<ReportBlock> blocks(byte[] d, int at, int count) {
    List<ReportBlock> blocks = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int o = at + 24 * i;
      int lost = ((d[o + 5] & 0xFF) << 16) | ((d[o + 6] & 0xFF) << 8) | (d[o + 7] & 0xFF);
      if ((lost & 0x80_0000) != 0) {
        lost |= 0xFF00_0000; // 24-bit signed (RFC 3550 §6.4.1)
      }
      blocks.add(
          new ReportBlock(
              RtpPacket.readUint32(d, o),
              d[o + 4] & 0xFF,
              lost,
              RtpPacket.readUint32(d, o + 8),
              RtpPacket.readUint32(d, o + 12),
              RtpPacket.readUint32(d, o + 16),
              RtpPacket.readUint32(d, o + 20)));
    }
    return blocks;
  }

  /**
   * Encodes a compound packet: this report followed by an SDES with our CNAME, which RFC 3550 §6.1
   * requires in every compound packet.
   */
  static byte[] encodeCompound(RtcpPacket report, String cname) {
    List<ReportBlock> blocks =
        switch (report) {
          case SenderReport sr -> sr.reports();
          case ReceiverReport rr -> rr.reports();
        };
    boolean sender = report instanceof SenderReport;
    int reportBytes = (sender ? 28 : 8) + 24 * blocks.size();
    byte[] name = cname.getBytes(StandardCharsets.UTF_8);
    int nameLength = Math.min(name.length, 255);
    int sdesItems = 2 + nameLength + 1; // item type, length, text, END
    int sdesBytes = 8 + ((sdesItems + 3) / 4) * 4;
    byte[] out = new byte[reportBytes + sdesBytes];
    out[0] = (byte) (0x80 | blocks.size());
    out[1] = (byte) (sender ? SR : RR);
    out[2] = (byte) ((reportBytes / 4 - 1) >>> 8);
    out[3] = (byte) (reportBytes / 4 - 1);
    int o = 8;
    switch (report) {
      case SenderReport sr -> {
        RtpPacket.writeUint32(out, 4, sr.ssrc());
        RtpPacket.writeUint32(out, 8, sr.ntpTimestamp() >>> 32);
        RtpPacket.writeUint32(out, 12, sr.ntpTimestamp());
        RtpPacket.writeUint32(out, 16, sr.rtpTimestamp());
        RtpPacket.writeUint32(out, 20, sr.packetCount());
        RtpPacket.writeUint32(out, 24, sr.octetCount());
        o = 28;
      }
      case ReceiverReport rr -> RtpPacket.writeUint32(out, 4, rr.ssrc());
    }
    for (ReportBlock b : blocks) {
      RtpPacket.writeUint32(out, o, b.ssrc());
      out[o + 4] = (byte) b.fractionLost();
      long lost = Math.max(-0x80_0000L, Math.min(0x7F_FFFFL, b.cumulativeLost()));
      out[o + 5] = (byte) (lost >>> 16);
      out[o + 6] = (byte) (lost >>> 8);
      out[o + 7] = (byte) lost;
      RtpPacket.writeUint32(out, o + 8, b.extendedHighestSequence());
      RtpPacket.writeUint32(out, o + 12, b.jitter());
      RtpPacket.writeUint32(out, o + 16, b.lastSr());
      RtpPacket.writeUint32(out, o + 20, b.delaySinceLastSr());
      o += 24;
    }
    long ssrc =
        switch (report) {
          case SenderReport sr -> sr.ssrc();
          case ReceiverReport rr -> rr.ssrc();
        };
    out[o] = (byte) 0x81;
    out[o + 1] = (byte) SDES;
    out[o + 2] = (byte) ((sdesBytes / 4 - 1) >>> 8);
    out[o + 3] = (byte) (sdesBytes / 4 - 1);
    RtpPacket.writeUint32(out, o + 4, ssrc);
    out[o + 8] = 1; // CNAME
    out[o + 9] = (byte) nameLength;
    System.arraycopy(name, 0, out, o + 10, nameLength);
    return out;
  }
}
