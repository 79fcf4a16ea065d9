package dev.switchboard.twilio;

import dev.switchboard.bridge.backend.RealtimeBackend;
import dev.switchboard.bridge.call.CallConfig;
import dev.switchboard.bridge.call.DtmfHandler;

/**
 * What a called number gets: the backend, the call behaviour and, for {@link
 * CallConfig.DtmfMode#HANDLER}, the DTMF handler (menus, PIN entry). μ-law passthrough is the
 * flow's choice of {@code pcmu/8000} as the session's input and output format: no resampling then.
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param name for logs and metrics
 */
public record TwilioFlow(
    String name, RealtimeBackend backend, CallConfig callConfig, DtmfHandler dtmfHandler) {

  public TwilioFlow {
    if (name == null || backend == null || callConfig == null) {
      throw new IllegalArgumentException("flow name, backend and call config are required");
    }
    if (callConfig.dtmf() == CallConfig.DtmfMode.HANDLER && dtmfHandler == null) {
      throw new IllegalArgumentException(
          "flow '" + name + "' routes DTMF to a handler but has none");
    }
  }
}
