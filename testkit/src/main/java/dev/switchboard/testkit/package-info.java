/**
 * Shared test doubles and simulators: protocol-faithful fake realtime server, Twilio simulator,
 * manual clock, tone generator and detector, load generator.
 *
 * <p>Depends on the agent-bridge and transcoding modules.
 */
package dev.switchboard.testkit;
