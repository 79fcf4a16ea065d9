package dev.switchboard.twilio.security;

/** Outcome of a signature check; the reason is logged and counted (never the signature). */
public enum SignatureCheck {
  VALID,
  /** No {@code X-Twilio-Signature} header. */
  MISSING,
  /** A signature that does not match the URL and parameters for our auth token. */
  MISMATCH;

  public boolean valid() {
    return this == VALID;
  }
}
