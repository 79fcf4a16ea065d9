package dev.switchboard.sip.ua;

import java.text.ParseException;
import java.util.List;
import javax.sip.InvalidArgumentException;
import javax.sip.SipFactory;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.header.ContactHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.ToHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Builds our SIP responses and requests with the JAIN-SIP factories: To tags, Contact, Allow,
 * Supported, Accept, Warning (RFC 3261 §20.43) and Retry-After (§20.33). Thread-safe.
 */
final class SipMessages {

  /** Methods we accept (RFC 3261 §20.5 Allow), in every response that needs it. */
  static final List<String> ALLOWED =
      List.of("INVITE", "ACK", "CANCEL", "BYE", "OPTIONS", "INFO", "NOTIFY");

  static final String USER_AGENT = "switchboard";

  final MessageFactory messages;
  final HeaderFactory headers;
  final AddressFactory addresses;
  private final String advertisedHost;
  private final int advertisedPort;

  SipMessages(SipFactory factory, String advertisedHost, int advertisedPort) {
    try {
      this.messages = factory.createMessageFactory();
      this.headers = factory.createHeaderFactory();
      this.addresses = factory.createAddressFactory();
    } catch (javax.sip.PeerUnavailableException e) {
      throw new IllegalStateException("JAIN-SIP factories unavailable", e);
    }
    this.advertisedHost = advertisedHost;
    this.advertisedPort = advertisedPort;
  }

  /** A response to {@code request}; a To tag is added when {@code toTag} is not null. */
  Response response(int status, Request request, String toTag) {
    try {
      Response response = messages.createResponse(status, request);
      if (toTag != null && status != 100) {
        ToHeader to = (ToHeader) response.getHeader(ToHeader.NAME);
        if (to.getTag() == null) {
          to.setTag(toTag);
        }
      }
      response.addHeader(headers.createUserAgentHeader(List.of(USER_AGENT)));
      return response;
    } catch (ParseException e) {
      throw new IllegalStateException("cannot build " + status + " response", e);
    }
  }

  /** Adds Allow, Accept and Supported (RFC 3261 §11.2 for OPTIONS, §21.4.6 for 405). */
  void addCapabilities(Response response) {
    try {
      for (String method : ALLOWED) {
        response.addHeader(headers.createAllowHeader(method));
      }
      response.addHeader(headers.createAcceptHeader("application", "sdp"));
      response.addHeader(headers.createAcceptHeader("application", "dtmf-relay"));
      response.addHeader(headers.createAcceptHeader("application", "dtmf"));
      response.addHeader(headers.createAcceptHeader("message", "sipfrag"));
      response.addHeader(headers.createSupportedHeader("replaces"));
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  void addRetryAfter(Response response, int seconds) {
    try {
      response.addHeader(headers.createRetryAfterHeader(seconds));
    } catch (InvalidArgumentException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Warning 3xx (RFC 3261 §20.43): 304 media type unavailable, 305 incompatible format. */
  void addWarning(Response response, int code, String text) {
    try {
      response.addHeader(headers.createWarningHeader(USER_AGENT, code, sanitize(text)));
    } catch (ParseException | InvalidArgumentException e) {
      throw new IllegalStateException(e);
    }
  }

  void setReason(Response response, String reason) {
    try {
      response.setReasonPhrase(sanitize(reason));
    } catch (ParseException e) {
      // keep the default phrase
    }
  }

  /** Our Contact for a dialog on {@code transport} (udp/tcp). */
  ContactHeader contact(String transport) {
    try {
      SipURI uri = addresses.createSipURI("switchboard", advertisedHost);
      uri.setPort(advertisedPort);
      if (!transport.equalsIgnoreCase("udp")) {
        uri.setTransportParam(transport.toLowerCase(java.util.Locale.ROOT));
      }
      Address address = addresses.createAddress(uri);
      return headers.createContactHeader(address);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code host:port} we advertise (Contact, Via, our From without a trunk). */
  String advertisedHostPort() {
    return advertisedHost + ":" + advertisedPort;
  }

  /** Our Via for a request we originate (RFC 3261 §8.1.1.7). */
  javax.sip.header.ViaHeader via(String transport, String branch) {
    try {
      return headers.createViaHeader(advertisedHost, advertisedPort, transport, branch);
    } catch (ParseException | InvalidArgumentException e) {
      throw new IllegalStateException(e);
    }
  }

  void setBody(javax.sip.message.Message message, String type, String subtype, String body) {
    try {
      ContentTypeHeader contentType = headers.createContentTypeHeader(type, subtype);
      message.setContent(body, contentType);
    } catch (ParseException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String sanitize(String text) {
    String s = text.replaceAll("[\"\\\\\r\n]", "'");
    return s.length() > 200 ? s.substring(0, 200) : s;
  }
}
