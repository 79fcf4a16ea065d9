/**
 * Opus (RFC 6716) through the pure-Java Concentus port of libopus: {@link
 * dev.switchboard.transcoding.opus.OpusAudioEncoder} and {@link
 * dev.switchboard.transcoding.opus.OpusAudioDecoder} with packet-loss concealment and in-band FEC
 * recovery, plus {@link dev.switchboard.transcoding.opus.OpusPackets} (TOC parsing, RFC 6716 §3.1).
 *
 * <p>Concentus types never leave this package: callers see {@code AudioEncoder}/{@code
 * AudioDecoder}, frames and {@code IllegalArgumentException}/{@code IllegalStateException}. May
 * depend on the JDK, {@code dev.switchboard.transcoding} and {@code
 * io.github.jaredmdobson.concentus} only.
 */
package dev.switchboard.transcoding.opus;
