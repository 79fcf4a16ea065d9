package dev.switchboard.sip.ua;

import dev.switchboard.bridge.transport.CallInfo;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import javax.sip.address.SipURI;
import javax.sip.address.TelURL;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.Header;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;

/**
 * Who is calling whom, read from an initial INVITE: {@code from} is the From user (the caller's
 * number), {@code to} is the routing key — the request-URI user, else the To user (RFC 3261 §8.1.1
 * puts the target in the request-URI; proxies may rewrite To). Metadata carries the full URIs,
 * P-Asserted-Identity (RFC 3325) and every {@code X-} header, lower-cased names.
 */
final class CallInfos {

  private CallInfos() {}

  static CallInfo from(String callId, Request invite, String sourceAddress) {
    FromHeader from = (FromHeader) invite.getHeader(FromHeader.NAME);
    ToHeader to = (ToHeader) invite.getHeader(ToHeader.NAME);
    CallIdHeader sipCallId = (CallIdHeader) invite.getHeader(CallIdHeader.NAME);
    Map<String, String> metadata = new HashMap<>();
    metadata.put("sip.request-uri", invite.getRequestURI().toString());
    metadata.put("sip.from", from.getAddress().toString());
    metadata.put("sip.to", to.getAddress().toString());
    metadata.put("sip.source", sourceAddress);
    if (from.getAddress().getDisplayName() != null) {
      metadata.put("sip.from-display-name", from.getAddress().getDisplayName());
    }
    Iterator<?> names = invite.getHeaderNames();
    while (names.hasNext()) {
      String name = (String) names.next();
      String lower = name.toLowerCase(Locale.ROOT);
      if (lower.startsWith("x-") || lower.equals("p-asserted-identity")) {
        Header header = invite.getHeader(name);
        String text = header.toString();
        int colon = text.indexOf(':');
        metadata.put(lower, text.substring(colon + 1).trim());
      }
    }
    String routing = user(invite.getRequestURI());
    if (routing == null || routing.isEmpty()) {
      routing = user(to.getAddress().getURI());
    }
    return new CallInfo(
        callId,
        "sip",
        sipCallId.getCallId(),
        orElse(user(from.getAddress().getURI()), from.getAddress().getURI().toString()),
        orElse(routing, to.getAddress().getURI().toString()),
        metadata);
  }

  private static String user(URI uri) {
    if (uri instanceof SipURI sip) {
      return sip.getUser();
    }
    if (uri instanceof TelURL tel) {
      return (tel.isGlobal() ? "+" : "") + tel.getPhoneNumber();
    }
    return null;
  }

  private static String orElse(String value, String fallback) {
    return value == null || value.isEmpty() ? fallback : value;
  }
}
