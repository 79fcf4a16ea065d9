package dev.switchboard.sip.rtp;

/**
 * One RTP packet (RFC 3550 §5.1). {@link #parse} accepts padding, CSRCs and header extensions and
 * rejects anything that is not version 2 or is shorter than its own header says.
 *
 * <p>The payload array is owned by the packet once constructed.
 *
 * @param timestamp unsigned 32-bit, in a {@code long}
 * @param ssrc unsigned 32-bit, in a {@code long}
 */
public record RtpPacket(
    boolean marker, int payloadType, int sequence, long timestamp, long ssrc, byte[] payload) {

  /** RFC 3550 §5.1: the fixed header is 12 bytes. */
  public static final int HEADER_BYTES = 12;

  public RtpPacket {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type out of range: " + payloadType);
    }
    sequence &= 0xFFFF;
    timestamp &= 0xFFFF_FFFFL;
    ssrc &= 0xFFFF_FFFFL;
  }

  /** Why a datagram is not RTP we can use; each reason has its own counter. */
  public enum Defect {
    SHORT,
    BAD_VERSION,
    BAD_LENGTH
  }

  /** Thrown by {@link #parse} with the defect for counting. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Defect defect;

    MalformedException(Defect defect, String message) {
      super(message, null, false, false);
      this.defect = defect;
    }

    public Defect defect() {
      return defect;
    }
  }

  public static RtpPacket parse(byte[] data, int length) throws MalformedException {
    if (length < HEADER_BYTES) {
      throw new MalformedException(Defect.SHORT, length + "-byte datagram is shorter than RTP");
    }
    int b0 = data[0] & 0xFF;
    if ((b0 >>> 6) != 2) {
      throw new MalformedException(Defect.BAD_VERSION, "RTP version " + (b0 >>> 6) + ", not 2");
    }
    boolean padding = (b0 & 0x20) != 0;
    boolean extension = (b0 & 0x10) != 0;
    int csrcCount = b0 & 0x0F;
    int b1 = data[1] & 0xFF;
    int offset = HEADER_BYTES + 4 * csrcCount;
    if (extension) {
      // RFC 3550 §5.3.1: 16-bit profile field, 16-bit length in 32-bit words.
      if (length < offset + 4) {
        throw new MalformedException(Defect.BAD_LENGTH, "truncated RTP header extension");
      }
      offset += 4 + 4 * (((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF));
    }
    int end = length;
    if (padding) {
      end -= data[length - 1] & 0xFF;
    }
    if (offset > end) {
      throw new MalformedException(
          Defect.BAD_LENGTH, "RTP header of " + offset + " bytes exceeds packet of " + length);
    }
    byte[] payload = new byte[end - offset];
    System.arraycopy(data, offset, payload, 0, payload.length);
    return new RtpPacket(
        (b1 & 0x80) != 0,
        b1 & 0x7F,
        ((data[2] & 0xFF) << 8) | (data[3] & 0xFF),
        readUint32(data, 4),
        readUint32(data, 8),
        payload);
  }

  /** Writes the packet (no padding, CSRCs or extensions) into {@code out}; returns its length. */
  public int encode(byte[] out) {
    int length = HEADER_BYTES + payload.length;
    if (out.length < length) {
      throw new IllegalArgumentException(
          "buffer of " + out.length + " bytes cannot hold a " + length + "-byte RTP packet");
    }
    out[0] = (byte) 0x80;
    out[1] = (byte) ((marker ? 0x80 : 0) | payloadType);
    out[2] = (byte) (sequence >>> 8);
    out[3] = (byte) sequence;
    writeUint32(out, 4, timestamp);
    writeUint32(out, 8, ssrc);
    System.arraycopy(payload, 0, out, HEADER_BYTES, payload.length);
    return length;
  }

  public byte[] encode() {
    byte[] out = new byte[HEADER_BYTES + payload.length];
    encode(out);
    return out;
  }

  static long readUint32(byte[] d, int i) {
    return ((long) (d[i] & 0xFF) << 24)
        | ((d[i + 1] & 0xFF) << 16)
        | ((d[i + 2] & 0xFF) << 8)
        | (d[i + 3] & 0xFF);
  }

  static void writeUint32(byte[] d, int i, long v) {
    d[i] = (byte) (v >>> 24);
    d[i + 1] = (byte) (v >>> 16);
    d[i + 2] = (byte) (v >>> 8);
    d[i + 3] = (byte) v;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RtpPacket p
        && p.marker == marker
        && p.payloadType == payloadType
        && p.sequence == sequence
        && p.timestamp == timestamp
        && p.ssrc == ssrc
        && java.util.Arrays.equals(p.payload, payload);
  }

  @Override
  public int hashCode() {
    return java.util.Objects.hash(sequence, timestamp, ssrc, payloadType);
  }

  @Override
  public String toString() {
    return "RTP[pt="
        + payloadType
        + (marker ? " M" : "")
        + " seq="
        + sequence
        + " ts="
        + timestamp
        + " ssrc="
        + Long.toHexString(ssrc)
        + " "
        + payload.length
        + " bytes]";
  }
}
