/**
 * QA replay: a recorded call's caller channel is played through a fresh {@code CallSession} by a
 * file transport (the same code path as a live call, in real time or faster on a scaled clock),
 * recorded again, and compared turn by turn with the original ({@link
 * dev.switchboard.recordings.replay.ReplayReport}, JSON and Markdown).
 *
 * <p>Depends on the agent-bridge call core and transport SPI, the recordings recorder and
 * transcripts, Jackson and the JDK; never on a real carrier transport.
 */
package dev.switchboard.recordings.replay;
