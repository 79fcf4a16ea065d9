package dev.switchboard.sip.rtp;

/**
 * An RFC 4733 §2.3 telephone-event payload: event code, end bit, volume and duration in timestamp
 * units.
 */
public record TelephoneEvent(int event, boolean end, int volume, int duration) {

  public static final int PAYLOAD_BYTES = 4;

  public TelephoneEvent {
    if (event < 0 || event > 255) {
      throw new IllegalArgumentException("event code out of range: " + event);
    }
    volume &= 0x3F;
    duration &= 0xFFFF;
  }

  /** Parses the first four bytes; {@code null} when the payload is too short. */
  public static TelephoneEvent parse(byte[] payload) {
    if (payload.length < PAYLOAD_BYTES) {
      return null;
    }
    return new TelephoneEvent(
        payload[0] & 0xFF,
        (payload[1] & 0x80) != 0,
        payload[1] & 0x3F,
        ((payload[2] & 0xFF) << 8) | (payload[3] & 0xFF));
  }

  public byte[] encode() {
    return new byte[] {
      (byte) event, (byte) ((end ? 0x80 : 0) | volume), (byte) (duration >>> 8), (byte) duration
    };
  }

  /** The DTMF character for events 0–15 (RFC 4733 §3.2 Table 1), or 0 for other events. */
  public char digit() {
    return toDigit(event);
  }

  public static char toDigit(int event) {
    if (event >= 0 && event <= 9) {
      return (char) ('0' + event);
    }
    return switch (event) {
      case 10 -> '*';
      case 11 -> '#';
      case 12, 13, 14, 15 -> (char) ('A' + event - 12);
      default -> 0;
    };
  }

  /** The event code of a DTMF character, or -1. */
  public static int fromDigit(char digit) {
    if (digit >= '0' && digit <= '9') {
      return digit - '0';
    }
    return switch (Character.toUpperCase(digit)) {
      case '*' -> 10;
      case '#' -> 11;
      case 'A', 'B', 'C', 'D' -> Character.toUpperCase(digit) - 'A' + 12;
      default -> -1;
    };
  }
}
