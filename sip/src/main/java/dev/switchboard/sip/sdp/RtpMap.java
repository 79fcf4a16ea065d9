package dev.switchboard.sip.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * An {@code a=rtpmap} value (RFC 8866 §6.6): encoding name, clock rate and channel count.
 *
 * @param encodingName lower-cased, e.g. {@code pcmu}, {@code opus}, {@code telephone-event}
 */
public record RtpMap(int payloadType, String encodingName, int clockRateHz, int channels) {

  public RtpMap {
    if (payloadType < 0 || payloadType > 127) {
      throw new IllegalArgumentException("payload type out of range: " + payloadType);
    }
    encodingName = encodingName.toLowerCase(Locale.ROOT);
  }

  static Optional<RtpMap> parse(int pt, String text) {
    String[] parts = text.split("/");
    if (parts.length < 2 || parts.length > 3) {
      return Optional.empty();
    }
    try {
      int rate = Integer.parseInt(parts[1].trim());
      int channels = parts.length == 3 ? Integer.parseInt(parts[2].trim()) : 1;
      return rate > 0 && channels > 0
          ? Optional.of(new RtpMap(pt, parts[0].trim(), rate, channels))
          : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** RFC 3551 §6 Table 4 static types we know: PCMU 0, PCMA 8, CN 13. */
  static Optional<RtpMap> staticType(int pt) {
    return switch (pt) {
      case 0 -> Optional.of(new RtpMap(0, "pcmu", 8000, 1));
      case 8 -> Optional.of(new RtpMap(8, "pcma", 8000, 1));
      case 13 -> Optional.of(new RtpMap(13, "cn", 8000, 1));
      default -> Optional.empty();
    };
  }

  /** The {@code a=rtpmap} value, e.g. {@code PCMU/8000} or {@code opus/48000/2}. */
  public String encode() {
    String name =
        encodingName.equals("pcmu") || encodingName.equals("pcma")
            ? encodingName.toUpperCase(Locale.ROOT)
            : encodingName;
    return name + "/" + clockRateHz + (channels == 1 ? "" : "/" + channels);
  }
}
