/**
 * The embedded offline backend: grammar speech recognition, speech synthesis and an IVR flow engine
 * behind the same RealtimeSession SPI as the cloud backends. Its model jars stay on this module
 * alone; only the server depends on it.
 *
 * <p>Depends on the agent-bridge and transcoding modules; never on a transport.
 */
package dev.switchboard.local;
