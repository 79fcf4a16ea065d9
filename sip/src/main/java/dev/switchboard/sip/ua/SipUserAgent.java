package dev.switchboard.sip.ua;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.sip.SipCallHandler;
import dev.switchboard.sip.SipConfig;
import dev.switchboard.sip.SipStats;
import dev.switchboard.sip.rtp.PortRange;
import dev.switchboard.sip.rtp.RtpEndpoint;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.sdp.LocalMedia;
import dev.switchboard.sip.sdp.SdpException;
import gov.nist.javax.sip.RequestEventExt;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JAIN-SIP listener: routes every request to the right call by Call-ID (RFC 3261 §12.2.2) and
 * answers the ones that belong to no call (OPTIONS, 481, 405, 403, 503). New INVITEs become {@link
 * SipCall}s; a retransmitted INVITE (same Call-ID, no To tag) never makes a second call.
 *
 * <p>Runs on the stack's threads and never blocks them: the handler's {@code prepare} future is
 * awaited asynchronously.
 */
public final class SipUserAgent implements SipListener {

  private static final Logger log = LoggerFactory.getLogger(SipUserAgent.class);

  private final SipConfig config;
  private final SipCallHandler handler;
  private final MediaClock clock;
  private final SipStats stats;
  private final CidrAllowlist allowlist;
  private final InetAddress mediaBindAddress;
  private final Map<String, SipCall> calls = new ConcurrentHashMap<>();
  private final Dialer dialer = new Dialer(this);
  private volatile SipProvider provider;
  private volatile SipMessages messages;
  private volatile boolean draining;

  public SipUserAgent(SipConfig config, SipCallHandler handler, MediaClock clock, SipStats stats) {
    this.config = config;
    this.handler = handler;
    this.clock = clock;
    this.stats = stats;
    this.allowlist = CidrAllowlist.parse(config.allowedSources());
    this.mediaBindAddress = config.media().bindAddress();
  }

  void attach(SipProvider provider, SipMessages messages) {
    this.provider = provider;
    this.messages = messages;
  }

  /** Stop taking new calls (503 to INVITE and OPTIONS); calls in progress go on. */
  public void drain() {
    draining = true;
  }

  public int activeCalls() {
    return calls.size();
  }

  /** Hangs up every call (shutdown). */
  public void hangUpAll(String reason) {
    for (SipCall call : calls.values()) {
      call.terminate(reason);
    }
    for (OutboundLeg leg : dialer.all()) {
      leg.hangUp(reason);
    }
  }

  // ---- SipListener ----

  @Override
  public void processRequest(RequestEvent event) {
    Request request = event.getRequest();
    try {
      dispatch(event, request);
    } catch (RuntimeException e) {
      // One bad request must never disturb other calls: answer 500 if we can and carry on.
      log.warn("error handling {} {}: {}", request.getMethod(), callId(request), e.toString(), e);
      if (!Request.ACK.equals(request.getMethod())) {
        respondStateless(event, request, Response.SERVER_INTERNAL_ERROR);
      }
    }
  }

  private void dispatch(RequestEvent event, Request request) {
    String method = request.getMethod();
    String sipCallId = callId(request);
    OutboundLeg leg = sipCallId == null ? null : dialer.get(sipCallId);
    if (leg != null) {
      // A request inside one of our outbound dialogs (BYE, re-INVITE, ACK for our 200).
      leg.onRequest(event, Request.ACK.equals(method) ? null : serverTransaction(event));
      return;
    }
    SipCall call = sipCallId == null ? null : calls.get(sipCallId);
    String toTag = ((ToHeader) request.getHeader(ToHeader.NAME)).getTag();
    switch (method) {
      case Request.INVITE -> {
        if (toTag == null) {
          if (call != null) {
            stats.retransmissionsIgnored.increment();
            return;
          }
          onNewInvite((RequestEventExt) event, request);
        } else if (call != null && call.ownsTag(toTag)) {
          ServerTransaction st = serverTransaction(event);
          if (st != null) {
            call.onReInvite(event, st);
          }
        } else {
          unknownDialog(event, request);
        }
      }
      case Request.ACK -> {
        if (call != null) {
          call.onAck(request);
        }
      }
      case Request.CANCEL -> {
        ServerTransaction st = serverTransaction(event);
        if (st == null) {
          return;
        }
        if (call == null) {
          send(st, messages.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request, null));
          stats.unknownDialog.increment();
          return;
        }
        // RFC 3261 §9.2: 200 to the CANCEL itself, then 487 to the INVITE.
        send(st, messages.response(Response.OK, request, null));
        call.onCancel();
      }
      case Request.BYE, Request.INFO, Request.NOTIFY -> {
        if (call == null || toTag == null || !call.ownsTag(toTag)) {
          unknownDialog(event, request);
          return;
        }
        ServerTransaction st = serverTransaction(event);
        if (st == null) {
          return;
        }
        switch (method) {
          case Request.BYE -> call.onBye(event, st);
          case Request.INFO -> call.onInfo(event, st);
          default -> call.onNotify(event, st);
        }
      }
      case Request.OPTIONS -> onOptions(event, request, call != null);
      default -> {
        ServerTransaction st = serverTransaction(event);
        if (st != null) {
          Response r = messages.response(Response.METHOD_NOT_ALLOWED, request, null);
          messages.addCapabilities(r);
          send(st, r);
        }
        stats.methodNotAllowed.increment();
      }
    }
  }

  private void onNewInvite(RequestEventExt event, Request request) {
    stats.invites.increment();
    String source = event.getRemoteIpAddress() + ":" + event.getRemotePort();
    ServerTransaction st = serverTransaction(event);
    if (st == null) {
      stats.retransmissionsIgnored.increment();
      return;
    }
    if (!allowed(event.getRemoteIpAddress())) {
      stats.forbidden.increment();
      log.warn(
          "INVITE {} from {} rejected: source not in allowlist {}",
          callId(request),
          source,
          allowlist);
      send(st, messages.response(Response.FORBIDDEN, request, null));
      return;
    }
    if (draining || calls.size() >= config.maxCalls()) {
      stats.unavailable.increment();
      Response r = messages.response(Response.SERVICE_UNAVAILABLE, request, null);
      messages.addRetryAfter(r, config.retryAfterSeconds());
      messages.setReason(
          r,
          draining
              ? "Service Unavailable (draining)"
              : "Service Unavailable (at capacity of " + config.maxCalls() + " calls)");
      send(st, r);
      return;
    }
    send(st, messages.response(Response.TRYING, request, null));
    String ourId = "sip-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    CallInfo info = CallInfos.from(ourId, request, source);
    PortRange.Pair ports;
    try {
      ports = config.media().ports().bind(mediaBindAddress);
    } catch (java.io.IOException e) {
      log.error("call {}: no RTP port: {}", ourId, e.getMessage());
      stats.unavailable.increment();
      Response r = messages.response(Response.SERVICE_UNAVAILABLE, request, null);
      messages.addRetryAfter(r, config.retryAfterSeconds());
      send(st, r);
      return;
    }
    RtpEndpoint endpoint = new RtpEndpoint(ourId, ports, new RtpStats(), clock::nanoTime);
    LocalMedia local =
        new LocalMedia(
            config.media().advertisedAddress(),
            ports.rtpPort(),
            ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2),
            1);
    String toTag = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1);
    javax.sip.header.ViaHeader via =
        (javax.sip.header.ViaHeader) request.getHeader(javax.sip.header.ViaHeader.NAME);
    String transport = via == null ? "udp" : via.getTransport().toLowerCase(Locale.ROOT);
    SipCall call = new SipCall(this, info, request, st, toTag, transport, endpoint, local);
    try {
      call.negotiateInitial(SipCall.body(request));
    } catch (SdpException e) {
      endpoint.close();
      rejectSdp(st, request, e, ourId);
      return;
    }
    calls.put(info.carrierCallId(), call);
    stats.activeCalls.set(calls.size());
    log.info(
        "call {}: INVITE {} from {} ({}) to {} via {}",
        ourId,
        info.carrierCallId(),
        info.from(),
        source,
        info.to(),
        transport);
    call.ringing(
        clock.schedule(
            config.prepareTimeout(),
            () -> call.notReady("not ready within " + config.prepareTimeout().toMillis() + " ms")));
    CompletableFuture<Void> ready;
    try {
      ready = handler.prepare(call, call.media() != null);
    } catch (RuntimeException e) {
      ready = CompletableFuture.failedFuture(e);
    }
    ready.whenComplete(
        (ok, error) -> {
          if (error == null) {
            call.ready();
          } else {
            Throwable cause =
                error instanceof java.util.concurrent.CompletionException
                        && error.getCause() != null
                    ? error.getCause()
                    : error;
            call.notReady(cause instanceof TimeoutException ? "timeout" : cause.toString());
          }
        });
  }

  private void onOptions(RequestEvent event, Request request, boolean inDialog) {
    stats.options.increment();
    ServerTransaction st = serverTransaction(event);
    if (st == null) {
      return;
    }
    boolean unavailable = !inDialog && (draining || calls.size() >= config.maxCalls());
    Response r =
        messages.response(unavailable ? Response.SERVICE_UNAVAILABLE : Response.OK, request, null);
    messages.addCapabilities(r);
    if (unavailable) {
      messages.addRetryAfter(r, config.retryAfterSeconds());
    }
    send(st, r);
  }

  /**
   * 400 for SDP that is not SDP, 488 with a Warning for SDP we cannot accept (RFC 3261 §21.4.26).
   */
  void rejectSdp(ServerTransaction st, Request request, SdpException e, String callId) {
    int status = e.sipStatus();
    Response r = messages.response(status, request, Long.toHexString(System.nanoTime()));
    if (status == Response.NOT_ACCEPTABLE_HERE) {
      stats.notAcceptable.increment();
      messages.addWarning(r, 305, e.getMessage());
    } else {
      stats.badRequests.increment();
      messages.setReason(r, "Bad Request (" + e.getMessage() + ")");
    }
    log.warn("call {}: {} {}: {}", callId, request.getMethod(), status, e.getMessage());
    send(st, r);
  }

  private void unknownDialog(RequestEvent event, Request request) {
    stats.unknownDialog.increment();
    ServerTransaction st = serverTransaction(event);
    if (st != null) {
      send(st, messages.response(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST, request, null));
    }
  }

  @Override
  public void processResponse(ResponseEvent event) {
    Response response = event.getResponse();
    OutboundLeg leg = dialer.get(String.valueOf(callId(response)));
    if (leg != null) {
      leg.onResponse(event);
      return;
    }
    CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
    if (cseq != null && Request.REFER.equals(cseq.getMethod())) {
      SipCall call = calls.get(callId(response));
      if (call != null) {
        call.transferControl().onReferResponse(response);
      }
    }
  }

  @Override
  public void processTimeout(TimeoutEvent event) {
    if (event.isServerTransaction()) {
      return;
    }
    ClientTransaction ct = event.getClientTransaction();
    OutboundLeg leg = ct == null ? null : dialer.get(String.valueOf(callId(ct.getRequest())));
    if (leg != null) {
      leg.onTransactionTimeout(ct.getRequest());
      return;
    }
    if (ct != null && Request.REFER.equals(ct.getRequest().getMethod())) {
      SipCall call = calls.get(callId(ct.getRequest()));
      if (call != null) {
        call.transferControl().onReferTimeout();
      }
    }
  }

  @Override
  public void processIOException(IOExceptionEvent event) {
    log.debug(
        "SIP I/O error towards {}:{} ({})", event.getHost(), event.getPort(), event.getTransport());
  }

  @Override
  public void processTransactionTerminated(TransactionTerminatedEvent event) {}

  @Override
  public void processDialogTerminated(DialogTerminatedEvent event) {}

  /** Our outbound legs (transfer by bridging). */
  Dialer dialer() {
    return dialer;
  }

  /** Outbound legs ringing or up. */
  public int activeLegs() {
    return dialer.size();
  }

  InetAddress mediaBindAddress() {
    return mediaBindAddress;
  }

  // ---- for SipCall ----

  SipConfig config() {
    return config;
  }

  SipCallHandler handler() {
    return handler;
  }

  MediaClock clock() {
    return clock;
  }

  SipStats stats() {
    return stats;
  }

  SipMessages messages() {
    return messages;
  }

  SipProvider provider() {
    return provider;
  }

  void remove(SipCall call) {
    calls.remove(call.info().carrierCallId(), call);
    stats.activeCalls.set(calls.size());
  }

  static String contentType(Request request) {
    ContentTypeHeader ct = (ContentTypeHeader) request.getHeader(ContentTypeHeader.NAME);
    return ct == null
        ? ""
        : (ct.getContentType() + "/" + ct.getContentSubType()).toLowerCase(Locale.ROOT);
  }

  private boolean allowed(String address) {
    try {
      return allowlist.allows(InetAddress.getByName(address));
    } catch (UnknownHostException e) {
      return false;
    }
  }

  ServerTransaction serverTransaction(RequestEvent event) {
    ServerTransaction st = event.getServerTransaction();
    if (st != null) {
      return st;
    }
    try {
      return provider.getNewServerTransaction(event.getRequest());
    } catch (TransactionAlreadyExistsException e) {
      stats.retransmissionsIgnored.increment();
      return null;
    } catch (Exception e) {
      log.debug("no server transaction for {}: {}", event.getRequest().getMethod(), e.toString());
      return null;
    }
  }

  private void send(ServerTransaction st, Response response) {
    try {
      st.sendResponse(response);
    } catch (Exception e) {
      log.warn(
          "could not send {} for {}: {}", response.getStatusCode(), callId(response), e.toString());
    }
  }

  private void respondStateless(RequestEvent event, Request request, int status) {
    try {
      provider.sendResponse(messages.response(status, request, null));
    } catch (Exception e) {
      log.debug("could not send {}: {}", status, e.toString());
    }
  }

  private static String callId(javax.sip.message.Message message) {
    CallIdHeader h = (CallIdHeader) message.getHeader(CallIdHeader.NAME);
    return h == null ? null : h.getCallId();
  }
}
