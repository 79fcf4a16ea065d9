package dev.switchboard.sip.ua;

import dev.switchboard.sip.OutboundConfig;
import java.util.Locale;

/**
 * Where an outbound leg's INVITE goes: its Request-URI and To, and whether it is routed through the
 * configured outbound proxy (a pre-loaded {@code Route} with {@code ;lr}, RFC 3261 §8.1.2). Only
 * legs through that proxy may answer its digest challenges with our trunk credentials.
 *
 * @param requestUri the Request-URI and To URI
 * @param proxyUri the Route towards the proxy, or null to send straight to the Request-URI's host
 */
record OutboundTarget(String requestUri, String proxyUri) {

  boolean viaProxy() {
    return proxyUri != null;
  }

  /**
   * The transport towards the next hop (the proxy, else the Request-URI's host): {@code tcp} when
   * its URI says {@code ;transport=tcp}, else {@code udp} (RFC 3261 §18.1.1 leaves the choice to
   * the URI; large requests are no reason here, our INVITEs are small).
   */
  String transport() {
    return transportOf(viaProxy() ? proxyUri : requestUri);
  }

  /** The {@code transport} parameter of a SIP URI, lower case; {@code udp} when absent. */
  static String transportOf(String sipUri) {
    for (String param : sipUri.toLowerCase(Locale.ROOT).split(";")) {
      if (param.startsWith("transport=")) {
        return param.substring("transport=".length()).trim();
      }
    }
    return "udp";
  }

  /**
   * {@code sip:} targets as given (through the proxy when one is configured); {@code tel:} URIs and
   * numbers become {@code sip:number@proxy-host;user=phone} (RFC 3261 §19.1.6) and need a proxy.
   */
  static OutboundTarget resolve(String target, OutboundConfig config) {
    String uri = Transfer.normalise(target);
    String lower = uri.toLowerCase(Locale.ROOT);
    String proxy = config.proxyUri() == null ? null : loose(config.proxyUri());
    if (lower.startsWith("sips:")) {
      throw new IllegalArgumentException(
          "target '" + target + "': sips: needs TLS, which outbound legs do not offer");
    }
    if (proxy != null) {
      requireTransport(transportOf(proxy), "sip.outbound.proxy '" + config.proxyUri() + "'");
    }
    if (lower.startsWith("sip:")) {
      if (proxy == null) {
        requireTransport(transportOf(uri), "target '" + target + "'");
      }
      return new OutboundTarget(uri, proxy);
    }
    if (proxy == null) {
      throw new IllegalArgumentException(
          "target '"
              + target
              + "' is a phone number: set sip.outbound.proxy (the trunk) to dial numbers");
    }
    String number = uri.substring("tel:".length());
    int params = number.indexOf(';');
    if (params >= 0) {
      number = number.substring(0, params);
    }
    return new OutboundTarget("sip:" + number + "@" + hostPort(proxy) + ";user=phone", proxy);
  }

  /** {@code sip:host:port} → {@code host:port} (no user, no parameters). */
  static String hostPort(String sipUri) {
    String s = sipUri.substring(sipUri.indexOf(':') + 1);
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(at + 1);
    }
    int params = s.indexOf(';');
    return params >= 0 ? s.substring(0, params) : s;
  }

  private static void requireTransport(String transport, String what) {
    if (!transport.equals("udp") && !transport.equals("tcp")) {
      throw new IllegalArgumentException(
          what + ": transport=" + transport + " is not offered (outbound legs use udp or tcp)");
    }
  }

  private static String loose(String proxy) {
    return proxy.contains(";lr") ? proxy : proxy + ";lr";
  }
}
