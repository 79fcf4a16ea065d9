/**
 * The SIP user agent on JAIN-SIP (RFC 3261): UAS for inbound INVITEs (early and delayed offer,
 * re-INVITE, CANCEL, BYE, OPTIONS, INFO DTMF), UAC for blind transfer by REFER (RFC 3515) with
 * NOTIFY sipfrag (RFC 3420) and for outbound legs ({@code OutboundLeg}: INVITE, CANCEL on ring
 * timeout, digest authentication RFC 3261 §22 / RFC 8760) that bridge a caller to a human ({@code
 * BridgeTransfer}, {@code MediaRelay}: a B2BUA relaying PCM between the legs' RTP media), the CIDR
 * source allowlist, and the stack's logging bridged to SLF4J.
 *
 * <p>Listener threads of the stack only parse and hand off; nothing here blocks them. Depends on
 * {@code javax.sip}/{@code gov.nist} (JAIN-SIP RI), the sibling {@code sdp} and {@code media}
 * packages and the agent-bridge transport SPI.
 */
package dev.switchboard.sip.ua;
