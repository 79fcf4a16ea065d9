package dev.switchboard.sip.sdp;

/**
 * One {@code a=} line (RFC 8866 §5.13): {@code a=name} (property, {@code value == null}) or {@code
 * a=name:value}.
 */
public record Attribute(String name, String value) {

  public Attribute {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("attribute name is required");
    }
  }

  public static Attribute property(String name) {
    return new Attribute(name, null);
  }

  @Override
  public String toString() {
    return value == null ? name : name + ":" + value;
  }
}
