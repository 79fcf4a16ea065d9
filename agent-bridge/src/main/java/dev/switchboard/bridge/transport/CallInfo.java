package dev.switchboard.bridge.transport;

import java.util.Map;

/**
 * Who is calling whom, as the transport learned it.
 *
 * @param callId Switchboard's id for the call (unique, safe for file names and logs)
 * @param transport {@code twilio}, {@code sip}, {@code file}...
 * @param carrierCallId the carrier's id (Twilio CallSid, SIP Call-ID)
 * @param from caller number or URI
 * @param to called number or URI (selects the flow)
 * @param metadata further carrier data (P-Asserted-Identity, X- headers, Twilio parameters)
 */
public record CallInfo(
    String callId,
    String transport,
    String carrierCallId,
    String from,
    String to,
    Map<String, String> metadata) {

  public CallInfo {
    if (callId == null || !callId.matches("[A-Za-z0-9._-]{1,128}")) {
      throw new IllegalArgumentException("bad call id '" + callId + "'");
    }
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }
}
