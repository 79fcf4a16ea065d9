package dev.switchboard.sip.sdp;

/** Media direction attributes (RFC 3264 §5.1, §6.1) as seen by the side that wrote them. */
public enum Direction {
  SENDRECV,
  SENDONLY,
  RECVONLY,
  INACTIVE;

  /** The attribute name, e.g. {@code sendonly}. */
  public String attribute() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** The direction an answerer uses for an offer with this direction (RFC 3264 §6.1). */
  public Direction answer() {
    return switch (this) {
      case SENDRECV -> SENDRECV;
      case SENDONLY -> RECVONLY;
      case RECVONLY -> SENDONLY;
      case INACTIVE -> INACTIVE;
    };
  }

  public boolean weSend() {
    return this == SENDRECV || this == SENDONLY;
  }

  public boolean weReceive() {
    return this == SENDRECV || this == RECVONLY;
  }

  static Direction fromAttribute(String name) {
    for (Direction d : values()) {
      if (d.attribute().equals(name)) {
        return d;
      }
    }
    return null;
  }
}
