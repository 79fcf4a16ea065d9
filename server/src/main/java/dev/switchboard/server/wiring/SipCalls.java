package dev.switchboard.server.wiring;

import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.CallEventListener;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.server.calls.Admission;
import dev.switchboard.sip.SipCallHandler;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SIP calls through the {@link CallRouter}. While the phone rings the call is admitted (a refusal
 * becomes 503 with Retry-After, RFC 3261 §21.5.4) and its session is built and pre-warmed; the 200
 * OK goes out when the backend is connected, so the caller never hears a dead line. With a delayed
 * offer (no SDP in the INVITE) the media format is known only at the ACK: the session is built
 * then. Methods run on JAIN-SIP threads and never block; the maps are the only shared state.
 */
final class SipCalls implements SipCallHandler {

  private final CallRouter router;
  private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, Admission.Admitted> awaitingMedia = new ConcurrentHashMap<>();

  SipCalls(CallRouter router) {
    this.router = router;
  }

  @Override
  public CompletableFuture<Void> prepare(CallTransport call, boolean mediaReady) {
    String id = call.info().callId();
    Admission.Admitted admitted;
    switch (router.admit(call.info())) {
      case Admission.Rejected r -> {
        return CompletableFuture.failedFuture(new IllegalStateException(r.detail()));
      }
      case Admission.Admitted ok -> admitted = ok;
    }
    if (!mediaReady) {
      awaitingMedia.put(id, admitted);
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> connected = new CompletableFuture<>();
    Optional<CallSession> session = build(admitted, call, connected);
    if (session.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("flow " + admitted.flow().name() + " has no agent"));
    }
    session.get().prewarm();
    return connected;
  }

  @Override
  public void start(CallTransport transport) {
    String id = transport.info().callId();
    CallSession session = sessions.get(id);
    if (session == null) {
      Admission.Admitted admitted = awaitingMedia.remove(id);
      if (admitted == null) {
        transport.hangUp("call was not admitted");
        return;
      }
      session = build(admitted, transport, new CompletableFuture<>()).orElse(null);
      if (session == null) {
        return; // the flow's fallback took the call
      }
    }
    session.start();
  }

  @Override
  public void abandoned(CallInfo call, String reason) {
    Admission.Admitted admitted = awaitingMedia.remove(call.callId());
    if (admitted != null) {
      admitted.release();
    }
    CallSession session = sessions.remove(call.callId());
    if (session != null) {
      session.hangUp(reason);
    }
  }

  /** Calls with a session (ringing or up). */
  int activeSessions() {
    return sessions.size();
  }

  private Optional<CallSession> build(
      Admission.Admitted admitted, CallTransport call, CompletableFuture<Void> connected) {
    String id = call.info().callId();
    CallEventListener answerWhenConnected =
        e -> {
          switch (e) {
            case CallEvent.BackendConnected c -> connected.complete(null);
            case CallEvent.BackendConnectFailed f ->
                connected.completeExceptionally(
                    new IllegalStateException("backend connect failed: " + f.error()));
            case CallEvent.CallEnded ended -> {
              sessions.remove(id);
              connected.completeExceptionally(
                  new IllegalStateException("call ended: " + ended.termination()));
            }
            default -> {}
          }
        };
    Optional<CallSession> session = router.prepare(admitted, call, List.of(answerWhenConnected));
    session.ifPresent(s -> sessions.put(id, s));
    return session;
  }
}
