package dev.switchboard.server.wiring;

import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.transport.CallTransport;
import dev.switchboard.server.calls.Admission;
import dev.switchboard.twilio.TwilioCallAdmission;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Twilio's voice webhook through the {@link CallRouter}: the same capacity, drain state and flows
 * (chosen by {@code To}) as SIP. The session comes back unstarted; the Twilio endpoints pre-warm it
 * and start it when its Media Stream binds. Runs on the Undertow IO thread: no I/O here.
 */
final class TwilioAdmission implements TwilioCallAdmission {

  private final CallRouter router;

  TwilioAdmission(CallRouter router) {
    this.router = router;
  }

  @Override
  public Decision admit(CallTransport transport, Map<String, String> params) {
    return switch (router.admit(transport.info())) {
      case Admission.Rejected r when r.reason() == Admission.Reason.NO_FLOW ->
          new Decision.NotServed();
      case Admission.Rejected r -> new Decision.Refused(r.detail());
      case Admission.Admitted ok -> {
        Optional<CallSession> session = router.prepare(ok, transport, List.of());
        // Empty: the flow's fallback ran without an agent (it released the slot).
        yield session
            .<Decision>map(s -> new Decision.Accepted(s, ok.flow().name()))
            .orElseGet(() -> new Decision.Refused("flow " + ok.flow().name() + " has no agent"));
      }
    };
  }
}
