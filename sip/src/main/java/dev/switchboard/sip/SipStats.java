package dev.switchboard.sip;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
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
  public final LongAdder outboundAttempts = new LongAdder();
  public final LongAdder outboundAnswered = new LongAdder();
  public final LongAdder outboundFailed = new LongAdder();
  public final LongAdder outboundCancelled = new LongAdder();
  public final LongAdder outboundAuthRetries = new LongAdder();
  public final LongAdder bridgesActive = new LongAdder();
  public final LongAdder bridgeFramesDropped = new LongAdder();
  private final Map<Integer, LongAdder> outboundFailuresByStatus = new ConcurrentHashMap<>();
  public final AtomicInteger activeCalls = new AtomicInteger();

  /**
   * Counts an outbound leg that ended without being answered: its final SIP status, or 408 when it
   * was not answered within the ring timeout (we cancelled), 503 when it could not be sent.
   */
  public void outboundFailed(int status) {
    outboundFailed.increment();
    outboundFailuresByStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
  }

  /** Failed outbound legs by final status, sorted by status. */
  public Map<Integer, Long> outboundFailuresByStatus() {
    Map<Integer, Long> out = new TreeMap<>();
    outboundFailuresByStatus.forEach((status, n) -> out.put(status, n.sum()));
    return out;
  }

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
        + transfersFailed.sum()
        + " outbound attempts/answered/failed="
        + outboundAttempts.sum()
        + "/"
        + outboundAnswered.sum()
        + "/"
        + outboundFailuresByStatus();
  }
}
