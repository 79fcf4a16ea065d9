package dev.switchboard.bridge.transport;

/**
 * Outcome of a transfer request, returned to the agent as the tool result.
 *
 * @param success the call was handed over (our leg ends)
 * @param detail carrier detail, e.g. the SIP status of the NOTIFY sipfrag
 */
public record TransferResult(boolean success, String detail) {}
