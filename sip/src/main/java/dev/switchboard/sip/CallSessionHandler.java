package dev.switchboard.sip;

import dev.switchboard.bridge.call.CallEvent;
import dev.switchboard.bridge.call.CallEventListener;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers SIP calls with the call core: one {@link CallSession} per call, pre-warmed (backend
 * connected) while the phone rings so the 200 OK goes out only when the agent can speak. The one
 * implementation of the prepare/start/abandoned sequence; what differs between embedders (the
 * server's admission and flow routing, a test's fixed backend) is the {@link Sessions} hook.
 *
 * <p>A transport without media while ringing ({@code mediaReady == false}) gets its session built
 * and connected at {@link #start} instead (the caller would hear the connect time as silence). SIP
 * calls always have media while ringing, delayed offers included: their media starts on our offer's
 * first codec and the ACK's answer updates it.
 *
 * <p>Methods run on JAIN-SIP threads and never block; the maps are the only shared state.
 */
public final class CallSessionHandler implements SipCallHandler {

  private static final Logger log = LoggerFactory.getLogger(CallSessionHandler.class);

  /** The embedder's part: whether a ringing call is taken, and how its session is built. */
  public interface Sessions {
    /**
     * Admits a ringing call. Throw to refuse it: the message becomes the 503's reason (RFC 3261
     * §21.5.4, with Retry-After).
     */
    Ticket admit(CallTransport call);
  }

  /** One admitted call, until its session is built or the call is abandoned. */
  public interface Ticket {
    /**
     * Builds the (unstarted) session for {@code call} with {@code listener} among its listeners;
     * empty when the call was handed off without an agent (e.g. a flow's fallback took it).
     */
    Optional<CallSession> build(CallTransport call, CallEventListener listener);

    /** The call ended before its session was built: give back what admission held. */
    void release();
  }

  private final Sessions admission;
  private final Map<String, CallSession> sessions = new ConcurrentHashMap<>();
  private final Map<String, Ticket> awaitingMedia = new ConcurrentHashMap<>();

  private CallSessionHandler(Sessions admission) {
    this.admission = admission;
  }

  /** Calls admitted and built by {@code admission} (the server: flows, capacity, fallbacks). */
  public static CallSessionHandler admitting(Sessions admission) {
    return new CallSessionHandler(admission);
  }

  /**
   * Takes every call; {@code builders} returns a builder with backend, config (use {@code
   * PlaybackClock.OWN_PACER}: the RTP pacer is the playout clock) and clock set; the transport and
   * a listener are added here.
   */
  public CallSessionHandler(Function<CallTransport, CallSession.Builder> builders) {
    this(
        (Sessions)
            call ->
                new Ticket() {
                  @Override
                  public Optional<CallSession> build(CallTransport c, CallEventListener listener) {
                    return Optional.of(builders.apply(c).transport(c).listener(listener).build());
                  }

                  @Override
                  public void release() {}
                });
  }

  @Override
  public CompletableFuture<Void> prepare(CallTransport call, boolean mediaReady) {
    Ticket ticket;
    try {
      ticket = admission.admit(call);
    } catch (RuntimeException refused) {
      return CompletableFuture.failedFuture(refused);
    }
    if (!mediaReady) {
      awaitingMedia.put(call.info().callId(), ticket);
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> connected = new CompletableFuture<>();
    Optional<CallSession> session = build(ticket, call, connected);
    if (session.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("call " + call.info().callId() + " has no agent"));
    }
    session.get().prewarm();
    return connected;
  }

  @Override
  public void start(CallTransport call) {
    String id = call.info().callId();
    CallSession session = sessions.get(id);
    if (session == null) {
      Ticket ticket = awaitingMedia.remove(id);
      if (ticket == null) {
        call.hangUp("call was not admitted");
        return;
      }
      session = build(ticket, call, new CompletableFuture<>()).orElse(null);
      if (session == null) {
        return; // handed off without an agent
      }
    }
    session.start();
  }

  @Override
  public void abandoned(CallInfo call, String reason) {
    Ticket ticket = awaitingMedia.remove(call.callId());
    if (ticket != null) {
      ticket.release();
    }
    CallSession session = sessions.remove(call.callId());
    if (session != null) {
      session.hangUp(reason);
    }
  }

  /** Calls with a session (ringing or up). */
  public int activeSessions() {
    return sessions.size();
  }

  private Optional<CallSession> build(
      Ticket ticket, CallTransport call, CompletableFuture<Void> connected) {
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
    Optional<CallSession> session = ticket.build(call, answerWhenConnected);
    session.ifPresent(
        s -> {
          sessions.put(id, s);
          log.debug("call {}: session built: {}", id, s.mediaChains());
        });
    return session;
  }
}
