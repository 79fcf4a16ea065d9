package dev.switchboard.sip;

import dev.switchboard.bridge.transport.CallInfo;
import dev.switchboard.bridge.transport.CallTransport;
import java.util.concurrent.CompletableFuture;

/**
 * Whoever answers calls: the SIP stack hands each new inbound call here. The call core implements
 * it in production; tests use simple handlers (tone players, echo, recorders).
 *
 * <p>Sequence: {@link #prepare} while the phone rings (180 sent) — pre-warm the backend session;
 * the 200 OK is sent only when the returned future completes normally (a failure becomes 503 with
 * Retry-After). Then {@link #start} once the caller's ACK confirms the call. If the caller cancels
 * or the call fails before that, {@link #abandoned} is called instead of {@code start}.
 *
 * <p>Methods are called from SIP stack threads: return quickly, never block.
 */
public interface SipCallHandler {

  /**
   * Pre-warms whatever answers {@code call}; completes when it can talk.
   *
   * @param call the transport; {@code info()} is always set. When {@code mediaReady} (the INVITE
   *     carried an SDP offer) its {@code playback()}, {@code wireFormat()} and {@code
   *     uplinkRateHz()} are final already; with a delayed offer they are known only at {@link
   *     #start}
   */
  CompletableFuture<Void> prepare(CallTransport call, boolean mediaReady);

  /** The call is up; the handler now owns {@code transport} and must call its {@code start}. */
  void start(CallTransport transport);

  /** The call ended before {@link #start} (CANCEL, prepare failure or timeout, ACK timeout). */
  default void abandoned(CallInfo call, String reason) {}
}
