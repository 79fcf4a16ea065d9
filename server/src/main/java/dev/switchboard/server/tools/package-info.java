/**
 * The server's answers to the tool calls the embedded offline backend's IVR makes, beyond the call
 * core's built-in {@code transfer} and {@code hang_up}: {@code record_voicemail} ({@link
 * dev.switchboard.server.tools.VoicemailTool}) and {@code handover} ({@link
 * dev.switchboard.server.tools.HandoverTool}). Same tool names and arguments as the offline
 * backend's {@code FlowEngine} emits.
 *
 * <p>Depends on {@code dev.switchboard.bridge} (tool SPI), SLF4J and the JDK.
 */
package dev.switchboard.server.tools;
