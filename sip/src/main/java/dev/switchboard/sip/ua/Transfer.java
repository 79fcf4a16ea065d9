package dev.switchboard.sip.ua;

import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.transport.TransferResult;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.address.Address;
import javax.sip.header.EventHeader;
import javax.sip.header.SubscriptionStateHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Blind transfer of one call by REFER (RFC 3515): we ask the caller's UA to call {@code target} and
 * follow its progress in NOTIFY {@code message/sipfrag} bodies (RFC 3420). 1xx is progress; 2xx is
 * success, after which our leg hangs up (RFC 5589 §6.1); a 3xx–6xx, a rejected REFER or no final
 * NOTIFY within the timeout is a failure and the call stays up so the agent can carry on.
 *
 * <p>One transfer at a time per call; thread-safe.
 */
final class Transfer {

  private static final Logger log = LoggerFactory.getLogger(Transfer.class);

  /**
   * Starts the detail of a failure where the caller's side refused or ignored the REFER request
   * itself (as opposed to a transfer that was tried and failed): the cue for bridging instead.
   */
  static final String REFUSED = "REFER refused: ";

  private final SipCall call;
  private final SipUserAgent ua;
  private CompletableFuture<TransferResult> pending;
  private MediaClock.Timer timer;
  private String target;

  Transfer(SipCall call, SipUserAgent ua) {
    this.call = call;
    this.ua = ua;
  }

  synchronized CompletableFuture<TransferResult> start(String target) {
    if (pending != null) {
      return CompletableFuture.completedFuture(
          new TransferResult(false, "a transfer to " + this.target + " is already in progress"));
    }
    String uri;
    try {
      uri = normalise(target);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.completedFuture(new TransferResult(false, e.getMessage()));
    }
    try {
      Dialog dialog = call.dialog();
      Request refer = dialog.createRequest(Request.REFER);
      Address referTo = ua.messages().addresses.createAddress(uri);
      refer.addHeader(ua.messages().headers.createReferToHeader(referTo));
      refer.addHeader(ua.messages().contact(call.transportName()));
      ClientTransaction ct = ua.provider().getNewClientTransaction(refer);
      pending = new CompletableFuture<>();
      this.target = uri;
      timer = ua.clock().schedule(ua.config().transferTimeout(), this::timedOut);
      dialog.sendRequest(ct);
      log.info("call {}: REFER to {}", call.info().callId(), uri);
      return pending;
    } catch (Exception e) {
      log.warn("call {}: cannot send REFER to {}: {}", call.info().callId(), uri, e.toString());
      CompletableFuture<TransferResult> f = pending;
      pending = null;
      cancelTimer();
      TransferResult failure =
          new TransferResult(false, REFUSED + "cannot send REFER: " + e.getMessage());
      if (f != null) {
        f.complete(failure);
      }
      return CompletableFuture.completedFuture(failure);
    }
  }

  /** Response to our REFER: 202 means the caller's UA will try (RFC 3515 §2.4.2). */
  void onReferResponse(Response response) {
    int status = response.getStatusCode();
    if (status >= 300) {
      complete(false, REFUSED + status + " " + response.getReasonPhrase());
    }
  }

  void onReferTimeout() {
    complete(false, REFUSED + "no response to REFER");
  }

  void onNotify(Request notify) {
    EventHeader event = (EventHeader) notify.getHeader(EventHeader.NAME);
    if (event == null || !event.getEventType().toLowerCase(Locale.ROOT).equals("refer")) {
      return;
    }
    String body = SipCall.body(notify).trim();
    int status = sipfragStatus(body);
    SubscriptionStateHeader subscription =
        (SubscriptionStateHeader) notify.getHeader(SubscriptionStateHeader.NAME);
    boolean terminated =
        subscription != null
            && subscription.getState().equalsIgnoreCase(SubscriptionStateHeader.TERMINATED);
    String firstLine = body.lines().findFirst().orElse("");
    log.info("call {}: transfer progress: '{}'", call.info().callId(), firstLine);
    if (status >= 200 && status < 300) {
      if (complete(true, firstLine)) {
        ua.stats().transfersSucceeded.increment();
        call.hangUp("transferred to " + target);
      }
    } else if (status >= 300) {
      complete(false, firstLine);
    } else if (terminated) {
      complete(false, "subscription terminated without a final status: '" + firstLine + "'");
    }
  }

  void callEnded() {
    complete(false, "call ended during transfer");
  }

  private void timedOut() {
    complete(false, "no final NOTIFY within " + ua.config().transferTimeout().toSeconds() + " s");
  }

  private boolean complete(boolean success, String detail) {
    CompletableFuture<TransferResult> f;
    synchronized (this) {
      f = pending;
      pending = null;
      cancelTimer();
    }
    if (f == null) {
      return false;
    }
    if (!success) {
      ua.stats().transfersFailed.increment();
      log.info("call {}: transfer to {} failed: {}", call.info().callId(), target, detail);
    }
    return f.complete(new TransferResult(success, detail));
  }

  private void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /** The REFER request itself was refused or unanswered (see {@link #REFUSED}). */
  static boolean refused(TransferResult result) {
    return !result.success() && result.detail().startsWith(REFUSED);
  }

  /** {@code SIP/2.0 200 OK} → 200; anything else → -1. */
  static int sipfragStatus(String body) {
    String line = body.lines().findFirst().orElse("").trim();
    if (!line.startsWith("SIP/2.0 ") || line.length() < 11) {
      return -1;
    }
    try {
      return Integer.parseInt(line.substring(8, 11));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A SIP/tel URI as given; a bare number becomes a tel URI (RFC 3966). */
  static String normalise(String target) {
    String t = target.trim();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("sip:") || lower.startsWith("sips:") || lower.startsWith("tel:")) {
      return t;
    }
    if (t.matches("\\+?[0-9*#()\\- ]+")) {
      return "tel:" + t.replaceAll("[()\\- ]", "");
    }
    if (t.contains("@")) {
      return "sip:" + t;
    }
    throw new IllegalArgumentException(
        "transfer target '" + target + "' is neither a SIP/tel URI nor a phone number");
  }
}
