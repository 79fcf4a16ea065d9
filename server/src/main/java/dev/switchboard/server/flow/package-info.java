/**
 * Flows, the operators' lever: one YAML file per flow (who it answers, backend and model,
 * instructions, voice, greeting, turn detection, barge-in, tools, transfers, DTMF, recording,
 * business hours, fallback). {@link dev.switchboard.server.flow.FlowParser} validates with messages
 * naming file, key, value and what is allowed; {@link dev.switchboard.server.flow.FlowRepository}
 * hot-reloads a directory, keeping the last good version of a flow when a change is invalid.
 *
 * <p>Depends on {@code dev.switchboard.bridge} (policy and tool types), {@code
 * dev.switchboard.server.config} (durations), Jackson YAML and the JDK.
 */
package dev.switchboard.server.flow;
