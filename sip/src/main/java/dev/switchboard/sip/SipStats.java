package dev.switchboard.sip;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the SIP edge; every rejection and drop has one. Thread-safe. */
public final class SipStats {

  public final LongAdder invites = new LongAdder();
  public final LongAdder answered = new LongAdder();
  public final LongAdder retransmissionsIgnored = new LongAdder();
  public final LongAdder forbidden = new LongAdder();
  public final LongAdder unavailable = new LongAdder();
  public final LongAdder badRequests = new LongAdder();
  public final LongAdder notAcceptable = new LongAdder();
  public final LongAdder unknownDialog = new LongAdder();
  public final LongAdder methodNotAllowed = new LongAdder();
  public final LongAdder cancelled = new LongAdder();
  public final LongAdder ackTimeouts = new LongAdder();
  public final LongAdder mediaTimeouts = new LongAdder();
  public final LongAdder reInvites = new LongAdder();
  public final LongAdder dtmfInfo = new LongAdder();
  public final LongAdder transfersSucceeded = new LongAdder();
  public final LongAdder transfersFailed = new LongAdder();
  public final LongAdder byesReceived = new LongAdder();
  public final LongAdder byesSent = new LongAdder();
  public final LongAdder options = new LongAdder();
  public final AtomicInteger activeCalls = new AtomicInteger();

  @Override
  public String toString() {
    return "invites="
        + invites.sum()
        + " answered="
        + answered.sum()
        + " active="
        + activeCalls.get()
        + " 403="
        + forbidden.sum()
        + " 503="
        + unavailable.sum()
        + " 400="
        + badRequests.sum()
        + " 488="
        + notAcceptable.sum()
        + " 481="
        + unknownDialog.sum()
        + " 405="
        + methodNotAllowed.sum()
        + " cancelled="
        + cancelled.sum()
        + " ackTimeouts="
        + ackTimeouts.sum()
        + " mediaTimeouts="
        + mediaTimeouts.sum()
        + " reInvites="
        + reInvites.sum()
        + " transfers ok/failed="
        + transfersSucceeded.sum()
        + "/"
        + transfersFailed.sum();
  }
}
