package dev.switchboard.sip;

import java.time.Duration;
import java.util.Locale;

/**
 * How the bridge places outbound legs (transfer by bridging).
 *
 * @param proxyUri outbound proxy / trunk ({@code sip:host[:port]}), or null to send {@code sip:}
 *     targets straight to their host. {@code tel:} targets and plain numbers need it: they become
 *     {@code sip:number@proxy-host;user=phone} (RFC 3261 §19.1.6)
 * @param fromUser user part of our From URI (the caller ID the trunk sees)
 * @param displayName From display name, or null
 * @param authUser digest user name for challenges from the proxy, or null for none
 * @param authPassword digest password; never logged ({@link #toString} masks it)
 * @param ringTimeout no final answer within this: CANCEL (RFC 3261 §9.1) and fail
 */
public record OutboundConfig(
    String proxyUri,
    String fromUser,
    String displayName,
    String authUser,
    String authPassword,
    Duration ringTimeout) {

  public static final Duration RING_TIMEOUT = Duration.ofSeconds(30);

  public OutboundConfig {
    proxyUri = blankToNull(proxyUri);
    fromUser = blankToNull(fromUser) == null ? "switchboard" : fromUser.trim();
    displayName = blankToNull(displayName);
    authUser = blankToNull(authUser);
    authPassword = authPassword == null ? "" : authPassword;
    if (proxyUri != null && !proxyUri.toLowerCase(Locale.ROOT).startsWith("sip:")) {
      throw new IllegalArgumentException(
          "outbound proxy '" + proxyUri + "' must be a sip: URI such as sip:trunk.example:5060");
    }
    if (proxyUri != null) {
      String lower = proxyUri.toLowerCase(Locale.ROOT);
      int t = lower.indexOf(";transport=");
      if (t >= 0
          && !lower.startsWith(";transport=udp", t)
          && !lower.startsWith(";transport=tcp", t)) {
        throw new IllegalArgumentException(
            "outbound proxy '" + proxyUri + "': outbound legs use udp or tcp (;transport=tcp)");
      }
    }
    if (ringTimeout == null || !ringTimeout.isPositive()) {
      throw new IllegalArgumentException("ring timeout must be positive, was " + ringTimeout);
    }
  }

  /** No proxy, no credentials, 30 s ring timeout. */
  public static OutboundConfig defaults() {
    return new OutboundConfig(null, "switchboard", null, null, null, RING_TIMEOUT);
  }

  public boolean hasCredentials() {
    return authUser != null;
  }

  public OutboundConfig withProxy(String value) {
    return new OutboundConfig(value, fromUser, displayName, authUser, authPassword, ringTimeout);
  }

  public OutboundConfig withCredentials(String user, String password) {
    return new OutboundConfig(proxyUri, fromUser, displayName, user, password, ringTimeout);
  }

  public OutboundConfig withRingTimeout(Duration value) {
    return new OutboundConfig(proxyUri, fromUser, displayName, authUser, authPassword, value);
  }

  @Override
  public String toString() {
    // The password never reaches a log line.
    return "OutboundConfig[proxy="
        + proxyUri
        + ", from="
        + (displayName == null ? "" : "\"" + displayName + "\" ")
        + fromUser
        + ", auth="
        + (authUser == null ? "none" : authUser + ":****")
        + ", ringTimeout="
        + ringTimeout
        + "]";
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
