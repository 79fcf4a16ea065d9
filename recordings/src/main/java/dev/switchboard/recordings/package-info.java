/**
 * Recordings and transcripts on one call clock (stereo: caller left, agent right), crash recovery,
 * the JDBC call index, retention, and QA replay. Listens to the agent-bridge CallEventListener and
 * never blocks a call.
 *
 * <p>Depends on the agent-bridge and transcoding modules; never on a transport.
 */
package dev.switchboard.recordings;
