package dev.switchboard.server.calls;

import dev.switchboard.bridge.call.Termination;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.server.flow.Flow;
import dev.switchboard.server.flow.FlowRepository;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admission and the table of active calls. The capacity count includes admitted calls that have not
 * started yet, so a burst of INVITEs cannot overshoot {@code maxConcurrentCalls}.
 *
 * <p>Drain: {@link #startDrain()} makes every new admission a {@code DRAINING} rejection (SIP 503,
 * Twilio polite reject, WebSocket upgrades refused); {@link #drain(Duration)} waits for calls to
 * finish, then ends the rest with a {@code DRAINED} termination. Thread-safe.
 */
public final class CallRegistry {

  private static final Logger LOG = LoggerFactory.getLogger(CallRegistry.class);

  private final FlowRepository flows;
  private final int maxConcurrentCalls;
  private final Clock clock;
  private final AtomicInteger slots = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final ConcurrentMap<String, ActiveCall> active = new ConcurrentHashMap<>();
  private final CompletableFuture<Void> idle = new CompletableFuture<>();

  public CallRegistry(FlowRepository flows, int maxConcurrentCalls, Clock clock) {
    if (maxConcurrentCalls < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentCalls must be >= 1, was " + maxConcurrentCalls);
    }
    this.flows = flows;
    this.maxConcurrentCalls = maxConcurrentCalls;
    this.clock = clock;
  }

  /** Decides whether a call may come in and reserves a slot if so. */
  public Admission admit(CallInfo call) {
    if (draining.get()) {
      return new Admission.Rejected(Admission.Reason.DRAINING, 503, "server is draining");
    }
    Optional<Flow> flow = flows.route(call);
    if (flow.isEmpty()) {
      return new Admission.Rejected(
          Admission.Reason.NO_FLOW, 404, "no flow answers '" + call.to() + "'");
    }
    int n = slots.incrementAndGet();
    if (n > maxConcurrentCalls) {
      slots.decrementAndGet();
      return new Admission.Rejected(
          Admission.Reason.AT_CAPACITY,
          503,
          "at capacity (" + maxConcurrentCalls + " concurrent calls)");
    }
    if (draining.get()) { // drain began between the check and the reservation
      slots.decrementAndGet();
      return new Admission.Rejected(Admission.Reason.DRAINING, 503, "server is draining");
    }
    return new Admission.Admitted(flow.get(), this, new AtomicBoolean(true));
  }

  /**
   * Adds a started call. It leaves the active list when its session terminates, and gives its slot
   * back once its transport has released the media too: a SIP call bridged to a human keeps its
   * slot (its RTP legs are still relayed here) until the bridge ends.
   */
  public void register(Admission.Admitted admission, ActiveCall call) {
    if (!admission.held().compareAndSet(true, false)) {
      throw new IllegalStateException("admission for " + call.callId() + " was already used");
    }
    active.put(call.callId(), call);
    CompletableFuture<?> ended =
        call.session().termination().whenComplete((t, e) -> active.remove(call.callId()));
    CompletableFuture<Void> media;
    try {
      media = call.transport().mediaReleased();
    } catch (RuntimeException e) {
      media = CompletableFuture.completedFuture(null);
    }
    CompletableFuture.allOf(ended.exceptionally(e -> null), media.exceptionally(e -> null))
        .whenComplete((v, e) -> releaseSlot());
  }

  void releaseSlot() {
    if (slots.decrementAndGet() == 0 && draining.get()) {
      idle.complete(null);
    }
  }

  public Collection<ActiveCall> active() {
    return List.copyOf(active.values());
  }

  public Optional<ActiveCall> get(String callId) {
    return Optional.ofNullable(active.get(callId));
  }

  /** Calls admitted or running. */
  public int inUse() {
    return slots.get();
  }

  public int maxConcurrentCalls() {
    return maxConcurrentCalls;
  }

  public boolean draining() {
    return draining.get();
  }

  public Clock clock() {
    return clock;
  }

  /** Stops admitting calls. Idempotent. */
  public void startDrain() {
    if (draining.compareAndSet(false, true)) {
      LOG.info("draining: refusing new calls; {} in progress", slots.get());
      if (slots.get() == 0) {
        idle.complete(null);
      }
    }
  }

  /**
   * Drains: stops admitting, waits up to {@code deadline} for calls to end, then ends the rest with
   * {@link Termination.Result#DRAINED} and waits (bounded) for their teardown.
   *
   * @return the number of calls that had to be ended
   */
  public int drain(Duration deadline) {
    startDrain();
    try {
      idle.get(deadline.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
      return 0;
    } catch (java.util.concurrent.TimeoutException e) {
      List<ActiveCall> left = List.copyOf(active.values());
      LOG.info("drain deadline {} reached: ending {} calls", deadline, left.size());
      for (ActiveCall c : left) {
        c.session().drain("server shutting down (drain deadline " + deadline + ")");
      }
      CompletableFuture.allOf(
              left.stream().map(c -> c.session().termination()).toArray(CompletableFuture[]::new))
          .completeOnTimeout(null, 10, java.util.concurrent.TimeUnit.SECONDS)
          .join();
      return left.size();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return active.size();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }
}
