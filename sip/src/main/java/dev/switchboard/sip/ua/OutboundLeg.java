package dev.switchboard.sip.ua;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.transport.TransportListener;
import dev.switchboard.sip.media.RtpCallMedia;
import dev.switchboard.sip.rtp.RtpEndpoint;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import dev.switchboard.sip.sdp.SdpException;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.ServerTransaction;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outbound call leg (UAC INVITE dialog, RFC 3261 §13.2) with its own RTP media: used to bridge
 * a caller to a human. Requests are built by {@link OutboundRequests}; this class is the state
 * machine.
 *
 * <p>States: CALLING (INVITE sent) → PROCEEDING (1xx) → ANSWERED (2xx ACKed, media up) → ENDED.
 * 3xx–6xx end it as a failure; 401/407 are answered once with digest credentials when the leg goes
 * through the configured trunk; no final answer within the ring timeout → CANCELLING (CANCEL sent
 * once a provisional response allows it, RFC 3261 §9.1) and a failure reported at once. A 2xx that
 * races our CANCEL is ACKed and ended with BYE. The {@link Events} see exactly one of {@code
 * onFailed} or {@code onAnswered}, and {@code onEnded} once after an answer.
 *
 * <p>Thread-safety: SIP stack threads, the media clock and the bridge call in; state changes hold
 * this object's lock and events are delivered after releasing it.
 */
final class OutboundLeg {

  private static final Logger log = LoggerFactory.getLogger(OutboundLeg.class);

  /** What the leg reports; called without the leg's lock held, never from inside a response. */
  interface Events {
    void onProgress(int status, String reason);

    void onAnswered(OutboundLeg leg);

    void onFailed(int status, String detail);

    void onEnded(String reason, boolean byRemote);
  }

  enum State {
    CALLING,
    PROCEEDING,
    CANCELLING,
    ANSWERED,
    ENDED
  }

  /** What a response to our INVITE leads to. */
  enum Step {
    PROGRESS,
    ANSWER,
    AUTHENTICATE,
    FAIL
  }

  private final SipUserAgent ua;
  private final String id;
  private final OutboundRequests requests;
  private final RtpEndpoint endpoint;
  private final SdpState sdp;
  private final Events events;

  private State state = State.CALLING;
  private ClientTransaction inviteTx;
  private Dialog dialog;
  private Request ack;
  private RtpCallMedia media;
  private MediaClock.Timer ringTimer;
  private boolean provisionalSeen;
  private boolean cancelPending;
  private boolean authTried;
  private boolean reported;

  OutboundLeg(
      SipUserAgent ua,
      String id,
      OutboundRequests requests,
      RtpEndpoint endpoint,
      SdpState sdp,
      Events events) {
    this.ua = ua;
    this.id = id;
    this.requests = requests;
    this.endpoint = endpoint;
    this.sdp = sdp;
    this.events = events;
  }

  /** The decision table for a response to our INVITE (RFC 3261 §13.2.2, §22.2). */
  static Step step(int status, boolean authTried, boolean mayAuthenticate) {
    if (status < 200) {
      return Step.PROGRESS;
    }
    if (status < 300) {
      return Step.ANSWER;
    }
    if ((status == 401 || status == 407) && !authTried && mayAuthenticate) {
      return Step.AUTHENTICATE;
    }
    return Step.FAIL;
  }

  String id() {
    return id;
  }

  String sipCallId() {
    return requests.sipCallId();
  }

  synchronized State state() {
    return state;
  }

  /** Sends the INVITE and starts the ring timer. */
  void send() {
    try {
      synchronized (this) {
        inviteTx = requests.invite(sdp.offer());
        ringTimer = ua.clock().schedule(ua.config().outbound().ringTimeout(), this::ringTimedOut);
        inviteTx.sendRequest();
      }
      log.info("call {}: INVITE to {}", id, requests.target().requestUri());
    } catch (Exception e) {
      log.warn("call {}: cannot send INVITE: {}", id, e.toString());
      fail(503, "cannot send INVITE: " + e.getMessage());
    }
  }

  synchronized NegotiatedMedia negotiated() {
    return sdp.negotiated();
  }

  /** This leg's RTP media (null before the answer); its pacer takes the caller's audio. */
  synchronized RtpCallMedia media() {
    return media;
  }

  /** Starts the answered leg's media towards {@code listener}. */
  void startMedia(TransportListener listener) {
    RtpCallMedia m = media();
    if (m != null) {
      m.start(
          listener,
          reason -> {
            ua.stats().mediaTimeouts.increment();
            hangUp(reason);
          });
    }
  }

  // ---- responses ----

  void onResponse(ResponseEvent event) {
    Response response = event.getResponse();
    CSeqHeader cseq = (CSeqHeader) response.getHeader(CSeqHeader.NAME);
    if (cseq == null || !Request.INVITE.equals(cseq.getMethod())) {
      return; // answers to our BYE or CANCEL: nothing left to do
    }
    int status = response.getStatusCode();
    boolean mayAuthenticate =
        requests.target().viaProxy() && ua.config().outbound().hasCredentials();
    switch (step(status, authTried, mayAuthenticate)) {
      case PROGRESS -> onProvisional(status, response.getReasonPhrase());
      case ANSWER -> onAnswer(event, cseq.getSeqNumber());
      case AUTHENTICATE -> authenticate(response);
      case FAIL -> {
        // A final response ends the INVITE transaction; after our CANCEL it is the 487, whose
        // failure was reported already.
        synchronized (this) {
          state = State.ENDED;
        }
        fail(status, status + " " + response.getReasonPhrase());
      }
    }
  }

  private void onProvisional(int status, String reason) {
    if (status == 100) {
      return;
    }
    synchronized (this) {
      provisionalSeen = true;
      if (state == State.CALLING) {
        state = State.PROCEEDING;
      }
      if (cancelPending) {
        cancelPending = false;
        sendCancel();
        return;
      }
      if (state != State.PROCEEDING) {
        return;
      }
    }
    log.info("call {}: {} {}", id, status, reason);
    events.onProgress(status, reason);
  }

  private void onAnswer(ResponseEvent event, long cseq) {
    boolean answered = false;
    synchronized (this) {
      Dialog d = event.getDialog();
      if (state == State.ANSWERED || (state == State.ENDED && ack != null)) {
        // A retransmitted 2xx: its ACK was lost (RFC 3261 §13.2.2.4), send it again.
        resendAck(d);
        return;
      }
      try {
        ack = d.createAck(cseq);
        d.sendAck(ack);
        dialog = d;
      } catch (Exception e) {
        log.warn("call {}: cannot ACK 2xx: {}", id, e.toString());
      }
      cancel(ringTimer);
      if (state == State.CANCELLING || state == State.ENDED) {
        // The 2xx won the race with our CANCEL (RFC 3261 §9.1): ACK it, then BYE.
        sendBye();
        state = State.ENDED;
      } else {
        try {
          NegotiatedMedia negotiated = sdp.acceptAnswer(SipCall.body(event.getResponse()));
          media = new RtpCallMedia(id, endpoint, negotiated, ua.clock(), ua.config().media());
          state = State.ANSWERED;
          answered = true;
        } catch (SdpException e) {
          log.warn("call {}: unusable SDP answer: {}", id, e.getMessage());
          sendBye();
        }
      }
    }
    if (answered) {
      ua.stats().outboundAnswered.increment();
      if (!markReported()) {
        hangUp("answered after the transfer was abandoned");
        return;
      }
      log.info("call {}: answered ({})", id, negotiated());
      events.onAnswered(this);
    } else {
      fail(488, "answer without usable media");
    }
  }

  private void authenticate(Response challenge) {
    try {
      synchronized (this) {
        if (state != State.CALLING && state != State.PROCEEDING) {
          state = State.ENDED; // cancelled meanwhile: the challenge is the final answer
          throw new IllegalStateException("leg was cancelled");
        }
        authTried = true;
        inviteTx = requests.authenticated(challenge);
        provisionalSeen = false;
        state = State.CALLING;
        inviteTx.sendRequest();
      }
      ua.stats().outboundAuthRetries.increment();
      log.info(
          "call {}: {} challenge answered with digest credentials", id, challenge.getStatusCode());
    } catch (Exception e) {
      log.warn(
          "call {}: cannot answer {} challenge: {}", id, challenge.getStatusCode(), e.getMessage());
      fail(challenge.getStatusCode(), "authentication failed: " + e.getMessage());
    }
  }

  void onTransactionTimeout(Request request) {
    if (Request.INVITE.equals(request.getMethod())) {
      synchronized (this) {
        state = State.ENDED; // Timer B (RFC 3261 §17.1.1.2): the INVITE transaction is over
      }
      fail(408, "no response to INVITE");
    } else if (Request.BYE.equals(request.getMethod())) {
      end("no response to BYE", false);
    }
  }

  // ---- requests from the far end ----

  void onRequest(RequestEvent event, ServerTransaction st) {
    Request request = event.getRequest();
    switch (request.getMethod()) {
      case Request.BYE -> {
        ua.stats().byesReceived.increment();
        requests.respond(st, request, Response.OK);
        end("the far end hung up", true);
      }
      case Request.INVITE -> onReInvite(request, st);
      case Request.ACK -> {} // for our 200 to a re-INVITE
      case Request.OPTIONS, Request.INFO, Request.NOTIFY ->
          requests.respond(st, request, Response.OK);
      default -> requests.respond(st, request, Response.METHOD_NOT_ALLOWED);
    }
  }

  /** Hold/resume or a new address from the far end (RFC 3264 §8), as on the inbound side. */
  private void onReInvite(Request request, ServerTransaction st) {
    ua.stats().reInvites.increment();
    synchronized (this) {
      if (state != State.ANSWERED || media == null) {
        requests.respond(st, request, Response.REQUEST_PENDING);
        return;
      }
      try {
        String body = SipCall.body(request);
        var ours = sdp.reInvite(body);
        if (!body.isBlank()) {
          media.update(sdp.negotiated());
        }
        requests.okWithSdp(st, request, ours);
      } catch (SdpException e) {
        ua.rejectSdp(st, request, e, id);
      }
    }
  }

  // ---- ending ----

  /** Ends the leg from our side: CANCEL while ringing, BYE once answered. Idempotent. */
  void hangUp(String reason) {
    boolean ringing = false;
    synchronized (this) {
      switch (state) {
        case CALLING, PROCEEDING -> {
          state = State.CANCELLING;
          cancel(ringTimer);
          cancelOrDefer();
          ringing = true;
        }
        case ANSWERED -> sendBye();
        case CANCELLING, ENDED -> {
          return;
        }
      }
    }
    if (ringing) {
      fail(487, "cancelled: " + reason);
    } else {
      end(reason, false);
    }
  }

  private void ringTimedOut() {
    synchronized (this) {
      if (state != State.CALLING && state != State.PROCEEDING) {
        return;
      }
      state = State.CANCELLING;
      cancelOrDefer();
    }
    long seconds = ua.config().outbound().ringTimeout().toSeconds();
    fail(408, "no answer within " + seconds + " s");
  }

  /** RFC 3261 §9.1: no CANCEL before a provisional response; it goes out when one arrives. */
  private void cancelOrDefer() {
    if (provisionalSeen) {
      sendCancel();
    } else {
      cancelPending = true;
    }
  }

  private void sendCancel() {
    try {
      Request cancel = inviteTx.createCancel();
      ua.provider().getNewClientTransaction(cancel).sendRequest();
      ua.stats().outboundCancelled.increment();
      log.info("call {}: CANCEL sent", id);
    } catch (Exception e) {
      log.warn("call {}: cannot send CANCEL: {}", id, e.toString());
    }
  }

  private void sendBye() {
    if (dialog == null) {
      return;
    }
    try {
      Request bye = dialog.createRequest(Request.BYE);
      dialog.sendRequest(ua.provider().getNewClientTransaction(bye));
      ua.stats().byesSent.increment();
    } catch (Exception e) {
      log.warn("call {}: could not send BYE: {}", id, e.toString());
    }
  }

  private void resendAck(Dialog d) {
    try {
      if (ack != null && d != null) {
        d.sendAck(ack);
      }
    } catch (Exception e) {
      log.debug("call {}: cannot resend ACK: {}", id, e.toString());
    }
  }

  /**
   * A failure before any answer: reported once. A CANCELLING leg stays registered until its INVITE
   * transaction ends (the 487, a 2xx that raced the CANCEL and must be ACKed and BYEd, or Timer B),
   * so those responses still reach it; anything else is cleaned up now.
   */
  private void fail(int status, String detail) {
    boolean report = markReported();
    boolean awaitingFinal;
    synchronized (this) {
      cancel(ringTimer);
      awaitingFinal = state == State.CANCELLING;
      if (!awaitingFinal) {
        state = State.ENDED;
      }
    }
    if (!awaitingFinal) {
      release();
    }
    if (report) {
      ua.stats().outboundFailed(status);
      log.info("call {}: leg failed: {}", id, detail);
      events.onFailed(status, detail);
    }
  }

  /** The end of an answered leg. */
  private void end(String reason, boolean byRemote) {
    synchronized (this) {
      if (state == State.ENDED && media == null) {
        return;
      }
      state = State.ENDED;
      cancel(ringTimer);
    }
    release();
    log.info("call {}: leg ended: {} (by {})", id, reason, byRemote ? "far end" : "us");
    events.onEnded(reason, byRemote);
  }

  /** Closes the media (or the bare RTP ports) and forgets the leg; idempotent. */
  private void release() {
    RtpCallMedia m;
    synchronized (this) {
      m = media;
      media = null;
    }
    if (m != null) {
      m.close();
    } else {
      endpoint.close();
    }
    ua.dialer().remove(this);
  }

  private synchronized boolean markReported() {
    if (reported) {
      return false;
    }
    reported = true;
    return true;
  }

  private static void cancel(MediaClock.Timer timer) {
    if (timer != null) {
      timer.cancel();
    }
  }

  @Override
  public String toString() {
    return "OutboundLeg[" + id + " " + requests.target().requestUri() + "]";
  }
}
