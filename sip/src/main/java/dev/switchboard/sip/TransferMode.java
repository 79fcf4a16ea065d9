package dev.switchboard.sip;

import java.util.Locale;

/**
 * How a SIP call's {@code transfer} hands the caller over.
 *
 * <ul>
 *   <li>{@link #REFER}: blind transfer (RFC 3515); our leg ends once the caller's side reached the
 *       target.
 *   <li>{@link #BRIDGE}: we dial the target on an outbound leg and relay media between the two legs
 *       (B2BUA); the agent session ends when the human answers.
 *   <li>{@link #REFER_THEN_BRIDGE}: REFER first; when the caller's side refuses REFER itself (a
 *       3xx–6xx answer to the REFER request, or no answer), bridge instead. A REFER that was
 *       accepted but whose call failed (busy, no answer) is not retried: the target would fail the
 *       same way.
 * </ul>
 */
public enum TransferMode {
  REFER,
  BRIDGE,
  REFER_THEN_BRIDGE;

  /** {@code refer}, {@code bridge} or {@code refer_then_bridge}. */
  public static TransferMode parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown transfer mode '" + value + "': use refer, bridge or refer_then_bridge", e);
    }
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
