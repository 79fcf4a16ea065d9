/**
 * Transcripts on the call clock: one JSON object per line (JSONL) written as the call goes, each
 * line stamped with when it happened ({@code start_ms}/{@code end_ms}) as well as when it was
 * reported ({@code at_ms}); rendered sorted by start as WebVTT and plain text when the call ends.
 *
 * <p>Depends on the agent-bridge call events, Jackson and the JDK. Builders are confined to one
 * recording's writer thread.
 */
package dev.switchboard.recordings.transcript;
