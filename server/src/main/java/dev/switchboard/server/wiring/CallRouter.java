package dev.switchboard.server.wiring;

import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.call.CallEventListener;
import dev.switchboard.bridge.call.CallMdc;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.time.MediaClock;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.server.calls.ActiveCall;
import dev.switchboard.server.calls.Admission;
import dev.switchboard.server.calls.CallRegistry;
import dev.switchboard.server.calls.LiveState;
import dev.switchboard.server.flow.Flow;
import dev.switchboard.server.flow.FlowAction;
import dev.switchboard.server.metrics.CallMetrics;
import dev.switchboard.server.metrics.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The hook every transport calls: {@link #admit} before answering (capacity, drain, flow, backend
 * availability), then {@link #start} with the answered transport. Assembles each call in one place:
 * flow → backend → {@link CallConfig} → {@link CallSession} with its listeners (live state,
 * metrics, recorder). Thread-safe.
 */
public final class CallRouter {

  private static final Logger LOG = LoggerFactory.getLogger(CallRouter.class);

  private final CallRegistry registry;
  private final BackendFactory backends;
  private final CallConfigs configs;
  private final Metrics metrics;
  private final MediaClock clock;
  private final Clock wallClock;
  private final Executor executor;
  private final CallListeners extraListeners;

  /**
   * Per-call listeners of other modules (the recorder), chosen with the call's flow and backend.
   */
  @FunctionalInterface
  public interface CallListeners {
    /**
     * @param backendKind {@code openai} or {@code local}
     * @param startedAt the wall-clock instant the call starts
     */
    List<CallEventListener> forCall(
        CallInfo info, Flow flow, String backendKind, Instant startedAt);
  }

  /**
   * @param executor runs every call's control loop (tests); {@code null} = the transport's {@link
   *     dev.switchboard.bridge.transport.CallTransport#controlExecutor} (Twilio: the stream's IO
   *     thread) or else one virtual thread per call, with the call id in the logging MDC
   * @param extraListeners per-call listeners of other modules (the recorder), may be empty
   */
  public CallRouter(
      CallRegistry registry,
      BackendFactory backends,
      CallConfigs configs,
      Metrics metrics,
      MediaClock clock,
      Clock wallClock,
      Executor executor,
      Function<CallInfo, List<CallEventListener>> extraListeners) {
    this(
        registry,
        backends,
        configs,
        metrics,
        clock,
        wallClock,
        executor,
        (CallListeners) (info, flow, kind, at) -> extraListeners.apply(info));
  }

  /**
   * @param executor runs every call's control loop (tests); {@code null} = one virtual thread per
   *     call, with the call id in the logging MDC
   * @param extraListeners per-call listeners of other modules (the recorder)
   */
  public CallRouter(
      CallRegistry registry,
      BackendFactory backends,
      CallConfigs configs,
      Metrics metrics,
      MediaClock clock,
      Clock wallClock,
      Executor executor,
      CallListeners extraListeners) {
    this.registry = registry;
    this.backends = backends;
    this.configs = configs;
    this.metrics = metrics;
    this.clock = clock;
    this.wallClock = wallClock;
    this.executor = executor;
    this.extraListeners = extraListeners;
  }

  /** May this call come in? Rejections are counted by reason and transport. */
  public Admission admit(CallInfo call) {
    Admission a = registry.admit(call);
    if (a instanceof Admission.Admitted ok) {
      Flow flow = ok.flow();
      boolean open =
          flow.businessHours() == null || flow.businessHours().isOpen(wallClock.instant());
      BackendFactory.Choice choice = choose(flow);
      if (open
          && choice.backend().isEmpty()
          && flow.fallback().kind() != FlowAction.Kind.TRANSFER) {
        ok.release();
        a =
            new Admission.Rejected(
                Admission.Reason.BACKEND_UNAVAILABLE,
                503,
                "flow " + flow.name() + ": " + choice.describe());
      }
    }
    if (a instanceof Admission.Rejected r) {
      metrics.callRejected(r.reason().name().toLowerCase(Locale.ROOT), call.transport());
      LOG.info(
          "call {} from {} to {} refused: {}", call.callId(), call.from(), call.to(), r.detail());
    }
    return a;
  }

  /**
   * Starts an admitted call on its answered transport. Outside business hours, or when the backend
   * is unavailable, the flow's action runs instead of the agent.
   *
   * @return the session, or empty when the call was handed off or ended at once
   */
  public Optional<CallSession> start(Admission.Admitted admission, CallTransport transport) {
    Optional<CallSession> session = prepare(admission, transport, List.of());
    session.ifPresent(CallSession::start);
    return session;
  }

  /**
   * Like {@link #start} but leaves the session unstarted, so the transport can pre-warm it while
   * the phone rings (SIP) or start it when its media stream binds (Twilio).
   *
   * @param listeners more listeners of this call (the transport's own: backend connected → 200 OK)
   * @return the registered, unstarted session, or empty when the call was handed off or ended
   */
  public Optional<CallSession> prepare(
      Admission.Admitted admission, CallTransport transport, List<CallEventListener> listeners) {
    Flow flow = admission.flow();
    CallInfo info = transport.info();
    MDC.put(CallMdc.KEY, info.callId());
    try {
      BackendFactory.Choice choice = choose(flow);
      boolean open =
          flow.businessHours() == null || flow.businessHours().isOpen(wallClock.instant());
      FlowAction instead = !open ? flow.businessHours().afterHours() : null;
      if (choice.backend().isEmpty()) {
        instead = flow.fallback();
      }
      if (instead != null && (choice.backend().isEmpty() || !speaks(instead))) {
        admission.release();
        runWithoutAgent(flow, instead, transport, open ? "backend unavailable" : "after hours");
        return Optional.empty();
      }
      RealtimeBackend backend = choice.backend().orElseThrow();
      CallConfig config =
          configs.forCall(
              flow,
              choice.kind(),
              backend.capabilities(),
              info.transport().equals("sip"),
              transport.uplinkRateHz());
      if (instead != null) {
        // After hours with a message: the agent says it, then hangs up.
        config =
            config.withGreeting(
                "Say exactly this, then call "
                    + dev.switchboard.bridge.tools.HangUpTool.NAME
                    + ": "
                    + instead.text());
      }
      LiveState state = new LiveState(System::nanoTime);
      CallSession[] self = new CallSession[1];
      CallSession.Builder b =
          CallSession.builder()
              .transport(transport)
              .backend(backend)
              .config(config)
              .clock(clock)
              .listener(state)
              .listener(
                  new CallMetrics(
                      metrics,
                      flow.name(),
                      choice.kind(),
                      () -> self[0] == null ? null : self[0].stats()));
      // The transport's own loop (Twilio: the stream's IO thread) unless tests inject one; else a
      // virtual thread per call.
      java.util.concurrent.Executor chosen =
          executor != null ? executor : transport.controlExecutor();
      ExecutorService own = chosen == null ? CallExecutors.forCall(info.callId()) : null;
      b.executor(chosen != null ? chosen : own);
      if (!flow.dtmf().isEmpty()) {
        b.dtmfHandler(new FlowDtmfHandler(flow, transport));
      }
      Instant startedAt = wallClock.instant();
      extraListeners.forCall(info, flow, choice.kind(), startedAt).forEach(b::listener);
      listeners.forEach(b::listener);
      CallSession session = b.build();
      self[0] = session;
      if (own != null) {
        session.termination().whenComplete((t, e) -> own.shutdown());
      }
      registry.register(
          admission,
          new ActiveCall(info, flow, choice.kind(), startedAt, session, transport, state));
      LOG.info(
          "call {} from {} to {}: flow {} v{} on {}",
          info.callId(),
          info.from(),
          info.to(),
          flow.name(),
          flow.version(),
          choice.kind());
      return Optional.of(session);
    } finally {
      MDC.remove(CallMdc.KEY);
    }
  }

  /**
   * The flow's backend; when it is unavailable and the flow's fallback is {@code ivr}, the offline
   * backend running the flow's {@code ivr} steps.
   */
  private BackendFactory.Choice choose(Flow flow) {
    BackendFactory.Choice c = backends.choose(flow);
    if (c.backend().isEmpty()
        && flow.fallback().kind() == FlowAction.Kind.IVR
        && !c.kind().equals("local")) {
      BackendFactory.Choice ivr = backends.choose(flow, "local");
      if (ivr.backend().isPresent()) {
        LOG.info("flow {}: {}; continuing on its offline IVR", flow.name(), c.describe());
        return ivr;
      }
    }
    return c;
  }

  private static boolean speaks(FlowAction a) {
    return a.kind() == FlowAction.Kind.MESSAGE || a.kind() == FlowAction.Kind.APOLOGY_HANGUP;
  }

  private void runWithoutAgent(Flow flow, FlowAction action, CallTransport transport, String why) {
    String callId = transport.info().callId();
    metrics.callEnded(flow.name(), "fallback_" + action.kind().name().toLowerCase(Locale.ROOT));
    if (action.kind() == FlowAction.Kind.TRANSFER) {
      String target = flow.transfers().get(action.target());
      LOG.info("call {}: {}, transferring to {}", callId, why, action.target());
      transport
          .transfer(target)
          .whenComplete(
              (r, e) -> {
                if (e != null || !r.success()) {
                  transport.hangUp(why + "; transfer to " + action.target() + " failed");
                }
              });
      return;
    }
    // IVR came here only because the offline backend is unavailable too (models loading or
    // failed). VOICEMAIL without an agent needs the recordings module (GAP until it lands). Either
    // way the caller is released with a SIP BYE / Twilio hang-up rather than left in silence.
    LOG.info("call {}: {}, action {}: hanging up", callId, why, action.kind());
    transport.hangUp(why);
  }
}
