package dev.switchboard.sip.ua;

import dev.switchboard.sip.OutboundConfig;
import dev.switchboard.sip.sdp.Sdp;
import dev.switchboard.sip.sdp.SessionDescription;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ProxyAuthenticateHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.header.WWWAuthenticateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SIP requests of one {@link OutboundLeg}: the INVITE with our SDP offer (RFC 3261 §8.1.1), the
 * same INVITE with digest credentials after a 401/407 (§22.2: same Call-ID and From tag, CSeq + 1,
 * new branch) and our answers to the far end's in-dialog requests. Confined to its leg's lock.
 */
final class OutboundRequests {

  private static final Logger log = LoggerFactory.getLogger(OutboundRequests.class);

  private final SipUserAgent ua;
  private final OutboundTarget target;
  private final CallIdHeader callId;
  private Request invite;

  OutboundRequests(SipUserAgent ua, OutboundTarget target) {
    this.ua = ua;
    this.target = target;
    this.callId = ua.provider().getNewCallId();
  }

  OutboundTarget target() {
    return target;
  }

  String sipCallId() {
    return callId.getCallId();
  }

  /** A new INVITE client transaction carrying {@code offer}; not sent yet. */
  ClientTransaction invite(SessionDescription offer) throws Exception {
    SipMessages m = ua.messages();
    OutboundConfig config = ua.config().outbound();
    URI requestUri = m.addresses.createURI(target.requestUri());
    String fromHost =
        target.viaProxy() ? OutboundTarget.hostPort(config.proxyUri()) : m.advertisedHostPort();
    Address fromAddress = m.addresses.createAddress("sip:" + config.fromUser() + "@" + fromHost);
    if (config.displayName() != null) {
      fromAddress.setDisplayName(config.displayName());
    }
    FromHeader from = m.headers.createFromHeader(fromAddress, randomHex());
    ToHeader to = m.headers.createToHeader(m.addresses.createAddress(requestUri), null);
    ViaHeader via = m.via(target.transport(), branch());
    Request request =
        m.messages.createRequest(
            requestUri,
            Request.INVITE,
            callId,
            m.headers.createCSeqHeader(1L, Request.INVITE),
            from,
            to,
            List.of(via),
            m.headers.createMaxForwardsHeader(70));
    request.addHeader(m.contact(target.transport()));
    request.addHeader(m.headers.createUserAgentHeader(List.of(SipMessages.USER_AGENT)));
    for (String method : SipMessages.ALLOWED) {
      request.addHeader(m.headers.createAllowHeader(method));
    }
    if (target.viaProxy()) {
      request.addHeader(m.headers.createRouteHeader(m.addresses.createAddress(target.proxyUri())));
    }
    m.setBody(request, "application", "sdp", Sdp.encode(offer));
    invite = request;
    return ua.provider().getNewClientTransaction(request);
  }

  /**
   * The INVITE again with {@code Authorization} (401) or {@code Proxy-Authorization} (407) for the
   * challenge in {@code response}. The password goes into the hash only.
   */
  ClientTransaction authenticated(Response response) throws Exception {
    boolean proxy = response.getStatusCode() == Response.PROXY_AUTHENTICATION_REQUIRED;
    WWWAuthenticateHeader h =
        (WWWAuthenticateHeader)
            response.getHeader(proxy ? ProxyAuthenticateHeader.NAME : WWWAuthenticateHeader.NAME);
    if (h == null || h.getNonce() == null) {
      throw new IllegalArgumentException(response.getStatusCode() + " without a digest challenge");
    }
    OutboundConfig config = ua.config().outbound();
    Request retry = (Request) invite.clone();
    CSeqHeader cseq = (CSeqHeader) retry.getHeader(CSeqHeader.NAME);
    cseq.setSeqNumber(cseq.getSeqNumber() + 1);
    ((ViaHeader) retry.getHeader(ViaHeader.NAME)).setBranch(branch());
    String value =
        DigestAuth.authorization(
            new DigestAuth.Challenge(
                h.getRealm(), h.getNonce(), h.getAlgorithm(), h.getQop(), h.getOpaque()),
            config.authUser(),
            config.authPassword(),
            Request.INVITE,
            retry.getRequestURI().toString(),
            1,
            randomHex());
    retry.setHeader(
        ua.messages().headers.createHeader(proxy ? "Proxy-Authorization" : "Authorization", value));
    invite = retry;
    return ua.provider().getNewClientTransaction(retry);
  }

  void respond(ServerTransaction st, Request request, int status) {
    send(st, ua.messages().response(status, request, null));
  }

  void okWithSdp(ServerTransaction st, Request request, SessionDescription sdp) {
    Response ok = ua.messages().response(Response.OK, request, null);
    ok.addHeader(ua.messages().contact(target.transport()));
    ua.messages().setBody(ok, "application", "sdp", Sdp.encode(sdp));
    send(st, ok);
  }

  private void send(ServerTransaction st, Response response) {
    if (st == null) {
      return;
    }
    try {
      st.sendResponse(response);
    } catch (Exception e) {
      log.warn("could not send {} on outbound leg: {}", response.getStatusCode(), e.toString());
    }
  }

  /** RFC 3261 §8.1.1.7: branch starts with the magic cookie. */
  private static String branch() {
    return "z9hG4bK" + randomHex();
  }

  private static String randomHex() {
    return Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
  }
}
