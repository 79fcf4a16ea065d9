package dev.switchboard.sip.ua;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.bridge.transport.PlaybackSink;
import dev.switchboard.bridge.transport.TransferResult;
import dev.switchboard.bridge.transport.TransportListener;
import dev.switchboard.sip.TransferMode;
import dev.switchboard.sip.media.RtpCallMedia;
import dev.switchboard.sip.rtp.RtpEndpoint;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.sdp.AudioCodec;
import dev.switchboard.sip.sdp.LocalMedia;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import dev.switchboard.sip.sdp.Sdp;
import dev.switchboard.sip.sdp.SdpException;
import dev.switchboard.sip.sdp.SessionDescription;
import dev.switchboard.transcoding.AudioFormat;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import javax.sip.Dialog;
import javax.sip.RequestEvent;
import javax.sip.ServerTransaction;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One inbound SIP call: the INVITE dialog (RFC 3261 §13) as a {@link CallTransport}.
 *
 * <p>States: RINGING (180 sent, handler pre-warming) → ANSWERED (200 OK sent and retransmitted by
 * the stack until ACK) → CONFIRMED (ACK received, handler started) → [BRIDGED (transferred to a
 * human by {@link BridgeTransfer}; the call core's {@code hangUp} then only detaches it)] → ENDED.
 * Every path to ENDED goes through {@link #finish} exactly once: media closed, call removed,
 * listener or handler told.
 *
 * <p>Thread-safety: SIP stack threads, the media clock and the call core all call in; every state
 * change holds this object's lock, and outward calls (listener, handler) are made after releasing
 * it.
 */
public final class SipCall implements CallTransport {

  private static final Logger log = LoggerFactory.getLogger(SipCall.class);

  enum State {
    RINGING,
    ANSWERED,
    CONFIRMED,
    /** Bridged to a human on an outbound leg; the call core is detached. */
    BRIDGED,
    ENDED
  }

  private final SipUserAgent ua;
  private final CallInfo info;
  private final Request invite;
  private final ServerTransaction inviteTx;
  private final String toTag;
  private final String transport;
  private final RtpEndpoint endpoint;
  private final Transfers transfers;
  private final MediaRoute route = new MediaRoute();
  private final CompletableFuture<Void> mediaReleased = new CompletableFuture<>();
  private CoreSink coreSink;

  private final SdpState sdp;
  private NegotiatedMedia negotiated; // null until an offer/answer completed
  private final Object infoOrder = new Object(); // DTMF by SIP INFO delivered one at a time
  private RtpCallMedia media;
  private TransportListener listener;
  private State state = State.RINGING;
  private MediaClock.Timer ackTimer;
  private MediaClock.Timer prepareTimer;
  private boolean started;
  private boolean finished;
  private final StringBuilder earlyDigits = new StringBuilder();

  SipCall(
      SipUserAgent ua,
      CallInfo info,
      Request invite,
      ServerTransaction inviteTx,
      String toTag,
      String transport,
      RtpEndpoint endpoint,
      LocalMedia local) {
    this.ua = ua;
    this.info = info;
    this.invite = invite;
    this.inviteTx = inviteTx;
    this.toTag = toTag;
    this.transport = transport;
    this.endpoint = endpoint;
    this.sdp = new SdpState(ua.config().codecs(), local);
    this.transfers = new Transfers(this, ua);
  }

  // ---- offer/answer on the initial INVITE ----

  /** Answers the INVITE's offer, or prepares our own offer if it had none (delayed offer). */
  synchronized void negotiateInitial(String body) throws SdpException {
    sdp.initial(body);
    negotiated = sdp.negotiated();
    // Media exists from now on (not yet started) so the call core can be built and pre-warmed
    // while the phone rings: the 200 OK goes out when the agent can speak, with an offer too. A
    // delayed offer's media starts on our first codec and takes the ACK's answer as an update.
    NegotiatedMedia initial = negotiated != null ? negotiated : sdp.provisional();
    media = new RtpCallMedia(info.callId(), endpoint, initial, ua.clock(), ua.config().media());
  }

  synchronized void ringing(MediaClock.Timer prepareTimer) {
    this.prepareTimer = prepareTimer;
    send(ua.messages().response(Response.RINGING, invite, toTag));
  }

  /** The handler is ready: 200 OK with our answer (or offer), retransmitted until ACK. */
  void ready() {
    synchronized (this) {
      if (state != State.RINGING) {
        return;
      }
      cancel(prepareTimer);
      Response ok = ua.messages().response(Response.OK, invite, toTag);
      ok.addHeader(ua.messages().contact(transport));
      ua.messages().setBody(ok, "application", "sdp", Sdp.encode(sdp.forOk()));
      if (!send(ok)) {
        state = State.ENDED;
      } else {
        state = State.ANSWERED;
        ua.stats().answered.increment();
        ackTimer = ua.clock().schedule(ua.config().ackTimeout(), this::ackTimedOut);
        return;
      }
    }
    finish("could not send 200 OK", false);
  }

  /** The handler could not get ready: 503 with Retry-After (RFC 3261 §21.5.4). */
  void notReady(String reason) {
    synchronized (this) {
      if (state != State.RINGING) {
        return;
      }
      Response r = ua.messages().response(Response.SERVICE_UNAVAILABLE, invite, toTag);
      ua.messages().addRetryAfter(r, ua.config().retryAfterSeconds());
      ua.messages().setReason(r, "Service Unavailable (" + reason + ")");
      send(r);
      ua.stats().unavailable.increment();
    }
    finish("backend not ready: " + reason, false);
  }

  void onCancel() {
    synchronized (this) {
      if (state != State.RINGING) {
        return; // too late: the 200 OK won the race (RFC 3261 §9.2); the caller will BYE
      }
      send(ua.messages().response(Response.REQUEST_TERMINATED, invite, toTag));
      ua.stats().cancelled.increment();
    }
    finish("caller cancelled", true);
  }

  void onAck(Request ack) {
    boolean startHandler;
    synchronized (this) {
      if (state != State.ANSWERED) {
        return; // a retransmitted ACK, or one for a re-INVITE
      }
      cancel(ackTimer);
      boolean delayedOffer = sdp.awaitingAnswer();
      if (delayedOffer) {
        try {
          negotiated = sdp.acceptAnswer(body(ack));
        } catch (SdpException e) {
          log.warn("call {}: unusable answer in ACK: {}", info.callId(), e.getMessage());
          state = State.CONFIRMED;
          startHandler = false;
          sendBye();
          negotiated = null;
        }
      }
      if (negotiated == null) {
        startHandler = false;
      } else if (media != null) {
        state = State.CONFIRMED;
        if (delayedOffer) {
          media.update(negotiated); // the answer's codec, direction and address
        }
        startHandler = true;
      } else {
        state = State.CONFIRMED;
        media =
            new RtpCallMedia(info.callId(), endpoint, negotiated, ua.clock(), ua.config().media());
        startHandler = true;
      }
    }
    if (!startHandler) {
      finish("no usable media answer in ACK", false);
      return;
    }
    log.info(
        "call {}: confirmed ({} -> {}, {} {})",
        info.callId(),
        info.from(),
        info.to(),
        negotiated.codec(),
        negotiated.direction());
    Thread.ofVirtual()
        .name("sip-start-" + info.callId())
        .start(
            () -> {
              try {
                ua.handler().start(this);
              } catch (RuntimeException e) {
                log.error("call {}: handler failed to start", info.callId(), e);
                hangUp("handler failed: " + e.getMessage());
              }
            });
  }

  private void ackTimedOut() {
    synchronized (this) {
      if (state != State.ANSWERED) {
        return;
      }
      ua.stats().ackTimeouts.increment();
      log.warn("call {}: no ACK within {}; sending BYE", info.callId(), ua.config().ackTimeout());
      sendBye();
    }
    finish("no ACK for 200 OK", false);
  }

  // ---- in-dialog requests ----

  void onBye(RequestEvent event, ServerTransaction st) {
    ua.stats().byesReceived.increment();
    respond(st, event.getRequest(), Response.OK);
    finish("caller hung up", true);
  }

  /** A re-INVITE: hold/resume, new address/port, codec change (RFC 3264 §8). */
  void onReInvite(RequestEvent event, ServerTransaction st) {
    Request request = event.getRequest();
    ua.stats().reInvites.increment();
    synchronized (this) {
      if ((state != State.CONFIRMED && state != State.BRIDGED) || media == null) {
        // RFC 3261 §14.2: an INVITE while one is pending gets 491 (500 if ours is the older one).
        respond(st, request, Response.REQUEST_PENDING);
        return;
      }
      String body = body(request);
      Response ok = ua.messages().response(Response.OK, request, null);
      ok.addHeader(ua.messages().contact(transport));
      try {
        SessionDescription ours = sdp.reInvite(body);
        if (!body.isBlank()) {
          negotiated = sdp.negotiated();
          media.update(negotiated);
        }
        // An offerless re-INVITE gets our offer; the answer in its ACK confirms the same stream.
        ua.messages().setBody(ok, "application", "sdp", Sdp.encode(ours));
        send(st, ok);
      } catch (SdpException e) {
        ua.rejectSdp(st, request, e, info.callId());
      }
    }
  }

  void onInfo(RequestEvent event, ServerTransaction st) {
    Request request = event.getRequest();
    String type = SipUserAgent.contentType(request);
    if (!DtmfInfo.supports(type)) {
      Response r = ua.messages().response(Response.UNSUPPORTED_MEDIA_TYPE, request, null);
      ua.messages().addCapabilities(r);
      send(st, r);
      return;
    }
    char digit = DtmfInfo.parse(type, body(request));
    if (digit == 0) {
      respond(st, request, Response.BAD_REQUEST);
      return;
    }
    // The stack hands a dialog's requests over in CSeq order, but on a pool of threads: deliver
    // the digit before the (slow) 200 OK, one INFO at a time, or "5#" can arrive as "#5".
    synchronized (infoOrder) {
      ua.stats().dtmfInfo.increment();
      boolean early;
      synchronized (this) {
        early = listener == null;
        if (early) {
          // INFO can overtake the handler's start right after ACK: keep the digit for start().
          earlyDigits.append(digit);
        }
      }
      if (!early) {
        route.onDtmf(digit); // to the call core, or to the human once bridged
      }
    }
    respond(st, request, Response.OK);
  }

  void onNotify(RequestEvent event, ServerTransaction st) {
    respond(st, event.getRequest(), Response.OK);
    transfers.refer().onNotify(event.getRequest());
  }

  // ---- CallTransport ----

  @Override
  public CallInfo info() {
    return info;
  }

  @Override
  public synchronized AudioFormat wireFormat() {
    return negotiated == null ? AudioFormat.PCMU_8K : negotiated.codec().wireFormat();
  }

  @Override
  public synchronized int uplinkRateHz() {
    // Before a delayed offer is answered: our first codec's rate (what we prefer in the offer).
    // Fixed for the call once media exists: a later codec change is resampled by the media path.
    if (media != null) {
      return media.callRateHz();
    }
    return negotiated == null
        ? ua.config().codecs().get(0).pcmRateHz()
        : negotiated.codec().pcmRateHz();
  }

  @Override
  public void start(TransportListener listener) {
    RtpCallMedia m;
    synchronized (this) {
      if (started) {
        throw new IllegalStateException("call " + info.callId() + " already started");
      }
      started = true;
      m = media;
      if (state == State.ENDED) {
        this.listener = listener;
        listener.onClosed("ended before start", false);
        return;
      }
      // Digits that arrived by INFO before start go first, and before the listener is published
      // so a later INFO cannot overtake them (listeners never block, so this is short).
      for (int i = 0; i < earlyDigits.length(); i++) {
        listener.onDtmf(earlyDigits.charAt(i));
      }
      earlyDigits.setLength(0);
      this.listener = listener;
      route.target = listener;
    }
    m.start(
        route,
        reason -> {
          ua.stats().mediaTimeouts.increment();
          terminate(reason);
        });
  }

  /** The caller's pacer as the call core sees it: detached when the caller is bridged. */
  @Override
  public synchronized PlaybackSink playback() {
    if (media == null) {
      throw new IllegalStateException("call " + info.callId() + " has no media yet");
    }
    if (coreSink == null) {
      coreSink = new CoreSink(media.playback());
    }
    return coreSink;
  }

  /** Per-call RTP counters and RTCP figures; null before media exists. */
  public synchronized RtpStats mediaStats() {
    return media == null ? null : media.stats();
  }

  /** This call's RTP counters, also after the media closed (for reports and benchmarks). */
  public RtpStats finalMediaStats() {
    return endpoint.stats();
  }

  /** The RTP pacer, for sending RFC 4733 digits; null before media exists. */
  public synchronized RtpCallMedia media() {
    return media;
  }

  /**
   * Ends the call from the call core's side. Once the caller is bridged to a human this only
   * detaches the core (its session ended as transferred); the bridge goes on until either side
   * hangs up.
   */
  @Override
  public CompletableFuture<Void> hangUp(String reason) {
    synchronized (this) {
      if (state == State.BRIDGED) {
        log.info("call {}: call core detached ({}); the bridge continues", info.callId(), reason);
        return CompletableFuture.completedFuture(null);
      }
    }
    return terminate(reason);
  }

  /** Ends the call whatever its state, bridged or not (shutdown, media timeout, bridge end). */
  CompletableFuture<Void> terminate(String reason) {
    synchronized (this) {
      switch (state) {
        case ENDED -> {
          return CompletableFuture.completedFuture(null);
        }
        case RINGING -> {
          Response r = ua.messages().response(Response.TEMPORARILY_UNAVAILABLE, invite, toTag);
          send(r);
        }
        case ANSWERED, CONFIRMED, BRIDGED -> sendBye();
      }
    }
    finish(reason, false);
    return CompletableFuture.completedFuture(null);
  }

  /** How {@link #transfer} hands the caller over; REFER unless the flow says otherwise. */
  public void transferMode(TransferMode mode) {
    transfers.mode(mode);
  }

  @Override
  public CompletableFuture<TransferResult> transfer(String target) {
    AudioCodec codec;
    synchronized (this) {
      if (state != State.CONFIRMED) {
        String why = state == State.BRIDGED ? " is already bridged" : " is not established";
        return CompletableFuture.completedFuture(
            new TransferResult(false, "call " + info.callId() + why));
      }
      codec = negotiated == null ? null : negotiated.codec();
    }
    return transfers.start(target, codec);
  }

  /**
   * The answered human takes over: the call core stops reaching the caller (queued agent audio is
   * dropped). Returns the caller's media, or null when the call is not up any more.
   */
  RtpCallMedia enterBridge() {
    CoreSink sink;
    RtpCallMedia m;
    synchronized (this) {
      if (state != State.CONFIRMED || media == null) {
        return null;
      }
      state = State.BRIDGED;
      m = media;
      sink = coreSink;
    }
    if (sink != null) {
      sink.detach();
    } else {
      m.playback().clear();
    }
    return m;
  }

  /** Sends the caller's decoded audio and digits to {@code target} instead of the call core. */
  void routeMedia(TransportListener target) {
    route.target = target;
  }

  // ---- internals ----

  boolean ownsTag(String tag) {
    return toTag.equals(tag);
  }

  Transfer transferControl() {
    return transfers.refer();
  }

  synchronized Dialog dialog() {
    return inviteTx.getDialog();
  }

  String transportName() {
    return transport;
  }

  /** Completes when the call ended, bridged or not: its media (both legs once bridged) is gone. */
  @Override
  public CompletableFuture<Void> mediaReleased() {
    return mediaReleased;
  }

  /** Ends the call once: media closed, removed from the UA, listener or handler told. */
  void finish(String reason, boolean byCaller) {
    TransportListener l;
    boolean wasStarted;
    synchronized (this) {
      if (finished) {
        return;
      }
      finished = true;
      state = State.ENDED;
      cancel(ackTimer);
      cancel(prepareTimer);
      if (media != null) {
        media.close();
        media = null;
      } else {
        endpoint.close();
      }
      l = listener;
      wasStarted = started;
    }
    ua.remove(this);
    mediaReleased.complete(null);
    log.info("call {}: ended: {} (by {})", info.callId(), reason, byCaller ? "caller" : "us");
    transfers.callEnded(reason);
    if (wasStarted && l != null) {
      l.onClosed(reason, byCaller);
    } else {
      ua.handler().abandoned(info, reason);
    }
  }

  private void sendBye() {
    try {
      Dialog dialog = inviteTx.getDialog();
      Request bye = dialog.createRequest(Request.BYE);
      dialog.sendRequest(ua.provider().getNewClientTransaction(bye));
      ua.stats().byesSent.increment();
    } catch (Exception e) {
      log.warn("call {}: could not send BYE: {}", info.callId(), e.toString());
    }
  }

  private boolean send(Response response) {
    return send(inviteTx, response);
  }

  private boolean send(ServerTransaction st, Response response) {
    try {
      st.sendResponse(response);
      return true;
    } catch (Exception e) {
      log.warn(
          "call {}: could not send {}: {}", info.callId(), response.getStatusCode(), e.toString());
      return false;
    }
  }

  private void respond(ServerTransaction st, Request request, int status) {
    send(st, ua.messages().response(status, request, null));
  }

  static String body(javax.sip.message.Message message) {
    byte[] raw = message.getRawContent();
    return raw == null ? "" : new String(raw, StandardCharsets.UTF_8);
  }

  private static void cancel(MediaClock.Timer timer) {
    if (timer != null) {
      timer.cancel();
    }
  }

  @Override
  public String toString() {
    return "SipCall[" + info.callId() + " " + info.carrierCallId() + " " + state + "]";
  }
}
