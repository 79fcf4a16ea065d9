package dev.switchboard.twilio.stream;

/**
 * What the {@code <Connect action>} URL answers once a stream we ended on purpose has closed:
 * Twilio continues the call with that TwiML ("TwiML Voice: Connect", action attribute).
 *
 * <p>Immutable; safe to share between threads.
 */
public sealed interface AfterStream {

  /** End the call ({@code <Hangup/>}). */
  record Hangup(String reason) implements AfterStream {}

  /** Hand the caller over ({@code <Dial>target</Dial>}). */
  record Dial(String target) implements AfterStream {}
}
