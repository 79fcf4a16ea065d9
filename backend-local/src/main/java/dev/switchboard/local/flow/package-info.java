/**
 * IVR flows for the offline backend: the model ({@link dev.switchboard.local.flow.Flow}, sealed
 * {@link dev.switchboard.local.flow.Step} records, {@link dev.switchboard.local.flow.Flow#fromMap}
 * validation) and the {@link dev.switchboard.local.flow.FlowEngine} that interprets it for one call
 * as pure input → {@link dev.switchboard.local.flow.Action} logic.
 *
 * <p>Depends on the JDK only: no audio, no threads, no speech engines.
 */
package dev.switchboard.local.flow;
