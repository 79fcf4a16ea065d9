/**
 * The call's media paths, each wired in one short factory ({@link
 * dev.switchboard.bridge.media.MediaPipelines}): the downlink (backend audio → decode → resample →
 * 20 ms frames at the sink rate) and the uplink (caller PCM → resample → encode for the backend).
 * Every stage's {@code toString()} names itself and what follows.
 *
 * <p>Depends on {@code dev.switchboard.transcoding} only. The resampler is injected as a {@link
 * dev.switchboard.bridge.media.ResamplerFactory} so the polyphase implementation plugs in later.
 */
package dev.switchboard.bridge.media;
