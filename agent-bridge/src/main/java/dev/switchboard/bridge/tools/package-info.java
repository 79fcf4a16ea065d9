/**
 * Functions the model may call: the {@link dev.switchboard.bridge.tools.Tool} contract, the
 * built-in {@code hang_up} and {@code transfer} tools, HTTP webhook tools defined by flows, and the
 * {@link dev.switchboard.bridge.tools.ToolInvoker} that runs one call with its timeout and turns
 * every failure into an error result for the model.
 *
 * <p>Depends on {@code dev.switchboard.bridge.backend}, {@code transport}, {@code time}, Jackson
 * and {@code java.net.http}.
 */
package dev.switchboard.bridge.tools;
