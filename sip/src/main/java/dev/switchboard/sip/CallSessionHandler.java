package dev.switchboard.sip;

import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers SIP calls with the call core: one {@link CallSession} per call, pre-warmed (backend
 * connected) while the phone rings so the 200 OK goes out only when the agent can speak.
 *
 * <p>With a delayed offer the media format is unknown until the ACK, so the session is built and
 * connected at {@link #start} instead (the caller hears the connect time as a short silence).
 *
 * <p>The factory returns a builder with backend, config (use {@code PlaybackClock.OWN_PACER}: the
 * RTP pacer is the playout clock) and clock set; this class adds the transport and a listener.
 */
public final class CallSessionHandler implements SipCallHandler {

  private static final Logger log = LoggerFactory.getLogger(CallSessionHandler.class);

  private final Function<CallTransport, CallSession.Builder> sessions;
  private final Map<String, CallSession> calls = new ConcurrentHashMap<>();

  public CallSessionHandler(Function<CallTransport, CallSession.Builder> sessions) {
    this.sessions = sessions;
  }

  @Override
  public CompletableFuture<Void> prepare(CallTransport call, boolean mediaReady) {
    if (!mediaReady) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> connected = new CompletableFuture<>();
    CallSession session = build(call, connected);
    session.prewarm();
    return connected;
  }

  @Override
  public void start(CallTransport call) {
    CallSession session =
        calls.computeIfAbsent(call.info().callId(), id -> build(call, new CompletableFuture<>()));
    session.start();
  }

  @Override
  public void abandoned(CallInfo call, String reason) {
    CallSession session = calls.remove(call.callId());
    if (session != null) {
      session.hangUp(reason);
    }
  }

  /** Calls with a live session. */
  public int activeSessions() {
    return calls.size();
  }

  private CallSession build(CallTransport call, CompletableFuture<Void> connected) {
    String id = call.info().callId();
    CallSession session =
        sessions
            .apply(call)
            .transport(call)
            .listener(
                (CallEvent e) -> {
                  switch (e) {
                    case CallEvent.BackendConnected c -> connected.complete(null);
                    case CallEvent.BackendConnectFailed f ->
                        connected.completeExceptionally(
                            new IllegalStateException("backend connect failed: " + f.error()));
                    case CallEvent.CallEnded ended -> {
                      calls.remove(id);
                      connected.completeExceptionally(
                          new IllegalStateException("call ended: " + ended.termination()));
                    }
                    default -> {}
                  }
                })
            .build();
    calls.put(id, session);
    log.debug("call {}: session built: {}", id, session.mediaChains());
    return session;
  }
}
