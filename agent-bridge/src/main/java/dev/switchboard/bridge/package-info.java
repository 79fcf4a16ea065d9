/**
 * The call core: CallSession (single owner of call state), the transport SPI (CallTransport,
 * PlaybackSink), playback tracking ("what the caller heard"), barge-in, the realtime backend SPI
 * and the light backends (OpenAI Realtime), flows, Termination and CallEventListener.
 *
 * <p>May depend on {@code dev.switchboard.transcoding} only; never on a transport, recordings, the
 * local backend or the server.
 */
package dev.switchboard.bridge;
