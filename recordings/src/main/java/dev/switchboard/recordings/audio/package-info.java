/**
 * The stereo recording on one call clock: caller left, agent right, sample positions derived from
 * the call-clock times of the agent-bridge audio taps, silence in gaps, agent audio cut where
 * playback was cleared (what the caller heard), PCI pauses as silence on both channels, and the WAV
 * header repair used by crash recovery.
 *
 * <p>Depends on {@code dev.switchboard.transcoding} (frames, resampling, WAV writing) and the JDK.
 * Every type here is confined to one recording's writer thread unless it says otherwise.
 */
package dev.switchboard.recordings.audio;
