package dev.switchboard.twilio.stream;

import dev.switchboard.twilio.protocol.StreamMessage;

/**
 * Finds the call a Media Stream belongs to when its {@code start} arrives: checks the one-time
 * token of the {@code start}'s custom parameters against the {@code callSid} and starts the call.
 * Called on the socket's IO thread; must not block.
 */
@FunctionalInterface
public interface StreamBinder {

  /** The call's transport, or {@code null} to reject the stream (unknown call or bad token). */
  TwilioMediaTransport bind(StreamMessage.Start start);
}
