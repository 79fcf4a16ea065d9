/**
 * In-band DTMF (ITU-T Q.23 frequencies) detection on 8 kHz PCM with ITU-T Q.24 acceptance rules:
 * {@link dev.switchboard.transcoding.dtmf.DtmfDetector} turns {@link
 * dev.switchboard.transcoding.PcmFrame}s of any size into {@link
 * dev.switchboard.transcoding.dtmf.DtmfEvent}s, one start and one end per key press.
 *
 * <p>For calls that carry RFC 4733 telephone-events the SIP edge uses those instead; this package
 * is for trunks and Twilio streams where the digits arrive as audio.
 *
 * <p>Depends on the JDK and {@code dev.switchboard.transcoding} only.
 */
package dev.switchboard.transcoding.dtmf;
