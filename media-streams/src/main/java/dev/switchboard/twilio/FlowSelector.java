package dev.switchboard.twilio;

import java.util.Map;

/** Chooses the flow for a call by the called number ({@code To}). Thread-safe, fast, no I/O. */
@FunctionalInterface
public interface FlowSelector {

  /**
   * @param to the called number (E.164)
   * @param params all webhook parameters (From, CallSid, ...)
   * @return the flow, or {@code null} when the number is not served here
   */
  TwilioFlow select(String to, Map<String, String> params);

  /** The same flow for every number. */
  static FlowSelector always(TwilioFlow flow) {
    return (to, params) -> flow;
  }
}
