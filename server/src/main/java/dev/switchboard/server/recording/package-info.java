/**
 * The server's side of the recordings module: one {@code Recordings} built from the configuration,
 * the recorder of each call chosen by its flow's {@code recording} policy, start-up recovery off
 * the start-up path, per-flow retention, live pause/resume, and voicemail spans cut out of the
 * call's recording.
 *
 * <p>May depend on {@code dev.switchboard.recordings..}, {@code dev.switchboard.bridge..}, {@code
 * dev.switchboard.transcoding..} and the server's {@code config}, {@code flow} and {@code tools}
 * packages; never on transports or the HTTP layer.
 */
package dev.switchboard.server.recording;
