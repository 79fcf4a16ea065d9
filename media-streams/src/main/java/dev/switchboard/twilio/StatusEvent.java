package dev.switchboard.twilio;

/**
 * A Twilio status callback: call progress ({@code CallStatus}) or stream lifecycle ({@code
 * StreamEvent}: stream-started, stream-stopped, stream-error).
 *
 * <p>Immutable; safe to share between threads.
 *
 * @param kind {@code call} or {@code stream}
 * @param status the status or stream event
 * @param detail e.g. {@code StreamError}, or empty
 */
public record StatusEvent(String callSid, String kind, String status, String detail) {}
