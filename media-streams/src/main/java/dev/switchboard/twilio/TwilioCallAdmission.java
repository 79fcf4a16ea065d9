package dev.switchboard.twilio;

import dev.switchboard.bridge.call.CallSession;
import dev.switchboard.bridge.transport.CallTransport;
import java.util.Map;

/**
 * Lets the embedding server admit and assemble each call itself, instead of {@link FlowSelector}
 * and {@link TwilioConfig#capacity()}: one capacity and drain state shared by every transport, its
 * own flows, listeners and call table. Called by the voice webhook on the IO thread: fast, no I/O.
 */
@FunctionalInterface
public interface TwilioCallAdmission {

  /**
   * @param transport the call's transport, not yet bound to its Media Stream
   * @param params all webhook parameters (To, From, CallSid, ...)
   */
  Decision admit(CallTransport transport, Map<String, String> params);

  /** The answer to the voice webhook. */
  sealed interface Decision {

    /**
     * Admitted: {@code session} is built on the transport and not started; the endpoints pre-warm
     * it and start it when its Media Stream binds.
     */
    record Accepted(CallSession session, String flowName) implements Decision {}

    /** Refused for now (capacity, drain, backend down): the caller hears the polite refusal. */
    record Refused(String reason) implements Decision {}

    /** No flow answers the called number. */
    record NotServed() implements Decision {}
  }
}
