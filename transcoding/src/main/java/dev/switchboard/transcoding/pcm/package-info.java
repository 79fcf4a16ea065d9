/**
 * Linear PCM on the wire and in files: signed 16-bit and 32-bit float little-endian samples ({@link
 * dev.switchboard.transcoding.pcm.LinearPcm} byte helpers) and the trivial frame codecs between
 * those bytes and {@code PcmFrame}. JDK and {@code dev.switchboard.transcoding} only.
 */
package dev.switchboard.transcoding.pcm;
