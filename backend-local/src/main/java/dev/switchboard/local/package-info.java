/**
 * The embedded offline backend: grammar speech recognition, speech synthesis and an IVR flow engine
 * behind the same RealtimeSession SPI as the cloud backends ({@link
 * dev.switchboard.local.LocalBackend}, {@link dev.switchboard.local.LocalSession}). Its model jars
 * (Sphinx4, FreeTTS) stay on this module alone; only the server depends on it.
 *
 * <p>Key presses arrive through {@code sendText("DTMF 3")} ({@link
 * dev.switchboard.local.DtmfText}).
 *
 * <p>Depends on the agent-bridge and transcoding modules, SLF4J, Sphinx4 and FreeTTS; never on a
 * transport.
 */
package dev.switchboard.local;
