/**
 * SDP (RFC 8866) model, parser and writer, and the offer/answer rules (RFC 3264) for one audio
 * stream: PCMU, PCMA, Opus (RFC 7587) and telephone-event (RFC 4733).
 *
 * <p>Pure values and functions: JDK only, no I/O, no SIP stack.
 */
package dev.switchboard.sip.sdp;
