package dev.switchboard.sip.sdp;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code m=} section (RFC 8866 §5.14) with its own {@code c=} (nullable: the session's applies)
 * and attributes in order.
 */
public record MediaDescription(
    String media,
    int port,
    String protocol,
    List<String> formats,
    String connectionAddress,
    List<Attribute> attributes) {

  public MediaDescription {
    formats = List.copyOf(formats);
    attributes = List.copyOf(attributes);
  }

  /** First value of attribute {@code name}, if present. */
  public Optional<String> attribute(String name) {
    return attributes.stream()
        .filter(a -> a.name().equalsIgnoreCase(name))
        .map(a -> a.value() == null ? "" : a.value())
        .findFirst();
  }

  public boolean hasAttribute(String name) {
    return attribute(name).isPresent();
  }

  /** {@code a=rtpmap} of payload type {@code pt}, or the static mapping (RFC 3551 §6). */
  public Optional<RtpMap> rtpMap(int pt) {
    String prefix = pt + " ";
    for (Attribute a : attributes) {
      if (a.name().equalsIgnoreCase("rtpmap")
          && a.value() != null
          && a.value().startsWith(prefix)) {
        return RtpMap.parse(pt, a.value().substring(prefix.length()).trim());
      }
    }
    return RtpMap.staticType(pt);
  }

  /** {@code a=fmtp} parameters of payload type {@code pt}, or "" when absent. */
  public String fmtp(int pt) {
    String prefix = pt + " ";
    for (Attribute a : attributes) {
      if (a.name().equalsIgnoreCase("fmtp") && a.value() != null && a.value().startsWith(prefix)) {
        return a.value().substring(prefix.length()).trim();
      }
    }
    return "";
  }

  /** The direction attribute; {@code sendrecv} when absent (RFC 3264 §5.1). */
  public Direction direction() {
    return explicitDirection().orElse(Direction.SENDRECV);
  }

  /** The direction attribute of this section, if it has one. */
  public Optional<Direction> explicitDirection() {
    for (Attribute a : attributes) {
      Direction d = Direction.fromAttribute(a.name().toLowerCase(Locale.ROOT));
      if (d != null) {
        return Optional.of(d);
      }
    }
    return Optional.empty();
  }

  /** {@code a=ptime} in ms, if present and numeric. */
  public Optional<Integer> ptimeMillis() {
    return attribute("ptime").flatMap(MediaDescription::positiveInt);
  }

  public Optional<Integer> maxPtimeMillis() {
    return attribute("maxptime").flatMap(MediaDescription::positiveInt);
  }

  private static Optional<Integer> positiveInt(String text) {
    try {
      int v = (int) Math.round(Double.parseDouble(text.trim()));
      return v > 0 ? Optional.of(v) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
