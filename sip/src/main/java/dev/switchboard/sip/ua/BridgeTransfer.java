package dev.switchboard.sip.ua;

import dev.switchboard.bridge.transport.TransferResult;
import dev.switchboard.sip.media.RtpCallMedia;
import dev.switchboard.sip.sdp.AudioCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Transfer to a human by bridging (B2BUA): we dial the target on an {@link OutboundLeg} while the
 * caller stays with the agent; when the human answers, the call core is detached from the caller's
 * media (its session then ends as transferred), and two {@link MediaRelay}s carry audio and RFC
 * 4733 digits both ways. A BYE from either side ends both legs. Busy, not found, no answer or an
 * authentication failure complete the transfer as failed and the agent carries on.
 *
 * <pre>
 * caller RTP ─► Uplink ─► MediaRelay ─► leg's RtpPacer ─► human
 * human RTP ─► leg's Uplink ─► MediaRelay ─► caller's RtpPacer ─► caller
 * </pre>
 *
 * <p>One bridge attempt at a time per call; thread-safe (this object's lock guards the attempt).
 */
final class BridgeTransfer implements OutboundLeg.Events {

  private static final Logger log = LoggerFactory.getLogger(BridgeTransfer.class);

  private final SipCall call;
  private final SipUserAgent ua;
  private CompletableFuture<TransferResult> pending;
  private OutboundLeg leg;
  private String target;
  private boolean callEnded;
  private boolean bridged;

  BridgeTransfer(SipCall call, SipUserAgent ua) {
    this.call = call;
    this.ua = ua;
  }

  synchronized CompletableFuture<TransferResult> start(String target, AudioCodec callerCodec) {
    if (leg != null) {
      return CompletableFuture.completedFuture(
          new TransferResult(false, "a transfer to " + this.target + " is already in progress"));
    }
    this.target = target;
    pending = new CompletableFuture<>();
    CompletableFuture<TransferResult> result = pending;
    try {
      // The caller's codec first: a same-codec bridge needs no resampling.
      leg = ua.dialer().dial(call.info().callId() + "-out", target, preferring(callerCodec), this);
    } catch (IllegalArgumentException | IOException e) {
      leg = null;
      ua.stats().transfersFailed.increment();
      log.info("call {}: cannot dial {}: {}", call.info().callId(), target, e.getMessage());
      complete(false, "cannot dial " + target + ": " + e.getMessage());
    }
    return result;
  }

  @Override
  public void onProgress(int status, String reason) {
    log.info("call {}: transfer to {}: {} {}", call.info().callId(), target, status, reason);
  }

  @Override
  public void onAnswered(OutboundLeg answered) {
    boolean abandoned;
    synchronized (this) {
      abandoned = callEnded || pending == null;
    }
    if (abandoned) {
      answered.hangUp("the caller left before the answer");
      return;
    }
    RtpCallMedia callerMedia = call.enterBridge();
    RtpCallMedia legMedia = answered.media();
    if (callerMedia == null || legMedia == null) {
      answered.hangUp("the caller's leg is no longer up");
      complete(false, "the call ended before " + target + " answered");
      return;
    }
    String id = call.info().callId();
    call.routeMedia(new MediaRelay(id + " caller->human", legMedia.pacer(), ua.stats()));
    answered.startMedia(new MediaRelay(id + " human->caller", callerMedia.pacer(), ua.stats()));
    synchronized (this) {
      bridged = true;
    }
    ua.stats().bridgesActive.increment();
    ua.stats().transfersSucceeded.increment();
    log.info(
        "call {}: bridged to {} ({} <-> {})",
        id,
        target,
        callerMedia.media().codec(),
        legMedia.media().codec());
    complete(true, "answered by " + target + " (bridged)");
  }

  @Override
  public void onFailed(int status, String detail) {
    synchronized (this) {
      leg = null;
    }
    ua.stats().transfersFailed.increment();
    complete(false, detail);
  }

  @Override
  public void onEnded(String reason, boolean byRemote) {
    synchronized (this) {
      if (!bridged) {
        return;
      }
      bridged = false;
      leg = null;
    }
    ua.stats().bridgesActive.decrement();
    call.terminate(byRemote ? "transfer target hung up" : "transfer leg ended: " + reason);
  }

  /** The caller's leg ended: end the outbound leg too (CANCEL or BYE). */
  void callEnded(String reason) {
    OutboundLeg l;
    synchronized (this) {
      callEnded = true;
      l = leg;
    }
    if (l != null) {
      l.hangUp("caller leg ended: " + reason);
    }
    complete(false, "call ended during transfer");
  }

  private void complete(boolean success, String detail) {
    CompletableFuture<TransferResult> f;
    synchronized (this) {
      f = pending;
      pending = null;
    }
    if (f != null) {
      f.complete(new TransferResult(success, detail));
    }
  }

  private List<AudioCodec> preferring(AudioCodec first) {
    List<AudioCodec> codecs = new ArrayList<>(ua.config().codecs());
    if (first != null && codecs.remove(first)) {
      codecs.add(0, first);
    }
    return codecs;
  }
}
