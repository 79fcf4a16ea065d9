/**
 * Recordings and transcripts on one call clock (stereo: caller left, agent right), crash recovery,
 * the JDBC call index, retention, and QA replay. Listens to the agent-bridge {@code
 * CallEventListener} and never blocks a call.
 *
 * <p>The pieces, per call: {@link dev.switchboard.recordings.CallRecorder} (the listener: enqueue
 * only) → {@code RecordingWriter} on the recorder's own virtual thread → {@code audio.wav}, {@code
 * transcript.jsonl}, {@code meta.json} in a {@link
 * dev.switchboard.recordings.storage.RecordingStore} directory → indexed by {@link
 * dev.switchboard.recordings.Recordings} into a {@link dev.switchboard.recordings.index.CallIndex}.
 * At start-up {@link dev.switchboard.recordings.RecoveryScan} repairs what a crash left.
 *
 * <p>Depends on the agent-bridge and transcoding modules, Jackson, SLF4J and {@code java.sql} (the
 * SQLite and PostgreSQL drivers are found by JDBC URL); never on a transport or the server.
 */
package dev.switchboard.recordings;
