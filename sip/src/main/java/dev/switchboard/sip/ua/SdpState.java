package dev.switchboard.sip.ua;

import dev.switchboard.sip.sdp.AudioCodec;
import dev.switchboard.sip.sdp.Direction;
import dev.switchboard.sip.sdp.LocalMedia;
import dev.switchboard.sip.sdp.NegotiatedMedia;
import dev.switchboard.sip.sdp.OfferAnswer;
import dev.switchboard.sip.sdp.Sdp;
import dev.switchboard.sip.sdp.SdpException;
import dev.switchboard.sip.sdp.SessionDescription;
import java.util.List;

/**
 * The offer/answer state of one dialog (RFC 3264): our {@code o=} version, what was settled, and
 * our pending offer when the peer sent none (delayed offer, offerless re-INVITE).
 *
 * <p>Confined to its {@link SipCall}'s lock.
 */
final class SdpState {

  private final List<AudioCodec> codecs;
  private LocalMedia local;
  private NegotiatedMedia negotiated;
  private SessionDescription pendingOffer;
  private SessionDescription lastSent;

  SdpState(List<AudioCodec> codecs, LocalMedia local) {
    this.codecs = codecs;
    this.local = local;
  }

  /** The initial INVITE's body: answer its offer, or prepare ours when it has none. */
  void initial(String body) throws SdpException {
    if (body == null || body.isBlank()) {
      pendingOffer = OfferAnswer.offer(codecs, local);
      lastSent = pendingOffer;
      return;
    }
    OfferAnswer.Answer answer =
        OfferAnswer.answer(Sdp.parse(body), codecs, local, Direction.SENDRECV);
    negotiated = answer.media();
    lastSent = answer.sdp();
  }

  /** Our offer for an INVITE we send (outbound leg); its answer goes to {@link #acceptAnswer}. */
  SessionDescription offer() {
    pendingOffer = OfferAnswer.offer(codecs, local);
    lastSent = pendingOffer;
    return pendingOffer;
  }

  /** What goes into our 200 OK: the answer, or our offer (delayed offer). */
  SessionDescription forOk() {
    return lastSent;
  }

  /**
   * With our offer pending (delayed offer): the media as if the peer took our first codec, with no
   * remote address yet. It lets the call's media (and so the call core) exist while the phone
   * rings; the answer in the ACK then updates it like a re-INVITE would (another codec or rate is
   * resampled by the media path, the remote address comes with the answer).
   */
  NegotiatedMedia provisional() throws SdpException {
    NegotiatedMedia m = OfferAnswer.acceptAnswer(pendingOffer, codecs);
    return new NegotiatedMedia(
        m.codec(),
        m.payloadType(),
        m.telephoneEventPayloadType(),
        m.ptimeMillis(),
        null,
        null,
        m.rtcpMux(),
        m.direction(),
        m.opusInbandFec());
  }

  boolean awaitingAnswer() {
    return pendingOffer != null;
  }

  /** The answer in the ACK to our offer (RFC 3261 §13.2.1). */
  NegotiatedMedia acceptAnswer(String body) throws SdpException {
    pendingOffer = null;
    negotiated = OfferAnswer.acceptAnswer(Sdp.parse(body), codecs);
    return negotiated;
  }

  /**
   * A re-INVITE's body (RFC 3264 §8): returns the SDP for our 200 OK and updates {@link
   * #negotiated()}; offerless re-INVITEs get our offer. On {@link SdpException} nothing changes.
   */
  SessionDescription reInvite(String body) throws SdpException {
    LocalMedia next = local.next();
    if (body.isBlank()) {
      local = next;
      lastSent = OfferAnswer.offer(codecs, local);
      return lastSent;
    }
    OfferAnswer.Answer answer =
        OfferAnswer.answer(Sdp.parse(body), codecs, next, Direction.SENDRECV);
    // A codec with another PCM rate (PCMU <-> Opus) is fine: the call keeps its first rate and the
    // media path resamples (RtpCallMedia), so no 488 here.
    local = next;
    negotiated = answer.media();
    lastSent = answer.sdp();
    return lastSent;
  }

  /** Settled media, or null before the first offer/answer completed. */
  NegotiatedMedia negotiated() {
    return negotiated;
  }
}
