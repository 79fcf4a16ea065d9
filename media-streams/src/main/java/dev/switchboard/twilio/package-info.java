/**
 * Twilio transport: TwiML voice webhook, request signature validation, bidirectional Media Streams
 * over WebSocket (Undertow), and Twilio REST call control (hang up, transfer). {@link
 * dev.switchboard.twilio.TwilioEndpoints} wires the subpackages: {@code protocol} (wire messages),
 * {@code security} (signatures, stream tokens), {@code stream} (the per-call transport), {@code
 * twiml}, {@code rest}, {@code metrics}.
 *
 * <p>Depends on the agent-bridge and transcoding modules, the Twilio SDK, Undertow and SLF4J; never
 * on another transport.
 */
package dev.switchboard.twilio;
