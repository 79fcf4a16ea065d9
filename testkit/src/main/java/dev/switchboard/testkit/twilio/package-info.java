/**
 * A Twilio look-alike for end-to-end tests and load: {@link
 * dev.switchboard.testkit.twilio.TwilioSimulator} calls the voice webhook, opens the Media Stream
 * and behaves like Twilio on the wire (20 ms μ-law media with string sequence numbers, chunks and
 * timestamps; playout with mark echoes; {@code clear} drops unplayed audio and echoes pending
 * marks), signing every request like Twilio ({@link dev.switchboard.testkit.twilio.TwilioSigner}).
 * {@link dev.switchboard.testkit.twilio.TwilioLoadGenerator} drives many of them.
 *
 * <p>It speaks the wire protocol itself (raw JSON as in Twilio's "Media Streams - WebSocket
 * Messages"): it never depends on the media-streams module, so a codec bug there cannot hide behind
 * a matching simulator. Depends on the JDK HTTP/WebSocket client, Jackson, transcoding (G.711, WAV)
 * and the realtime fake (load generator).
 */
package dev.switchboard.testkit.twilio;
