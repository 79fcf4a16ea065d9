/**
 * Twilio transport: TwiML voice webhook, request signature validation, bidirectional Media Streams
 * over WebSocket (Undertow), and Twilio REST call control (hang up, transfer).
 *
 * <p>Depends on the agent-bridge and transcoding modules; never on another transport.
 */
package dev.switchboard.twilio;
