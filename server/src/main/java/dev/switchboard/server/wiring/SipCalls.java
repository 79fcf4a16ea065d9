package dev.switchboard.server.wiring;

import dev.switchboard.bridge.call.CallEventListener;
import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.server.calls.Admission;
import dev.switchboard.sip.CallSessionHandler;
import dev.switchboard.sip.TransferMode;
import dev.switchboard.sip.ua.SipCall;
import java.util.List;
import java.util.Optional;

/**
 * SIP calls through the {@link CallRouter}: the server's hook into the SIP edge's {@link
 * CallSessionHandler}, which owns the ringing/pre-warm/start sequence. While the phone rings the
 * call is admitted (a refusal becomes 503 with Retry-After) and gets its flow's transfer mode; its
 * session is built by the router with the flow's agent. Stateless.
 */
final class SipCalls implements CallSessionHandler.Sessions {

  private final CallRouter router;

  private SipCalls(CallRouter router) {
    this.router = router;
  }

  static CallSessionHandler handler(CallRouter router) {
    return CallSessionHandler.admitting(new SipCalls(router));
  }

  @Override
  public CallSessionHandler.Ticket admit(CallTransport call) {
    Admission.Admitted admitted =
        switch (router.admit(call.info())) {
          case Admission.Rejected r -> throw new IllegalStateException(r.detail());
          case Admission.Admitted ok -> ok;
        };
    if (call instanceof SipCall sip) {
      // The flow decides how its transfers reach a human: REFER, or a bridged outbound leg.
      sip.transferMode(TransferMode.parse(admitted.flow().transferMode()));
    }
    return new CallSessionHandler.Ticket() {
      @Override
      public Optional<CallSession> build(CallTransport transport, CallEventListener listener) {
        return router.prepare(admitted, transport, List.of(listener));
      }

      @Override
      public void release() {
        admitted.release();
      }
    };
  }
}
