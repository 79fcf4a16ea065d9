/**
 * Who may talk to us: Twilio request signatures ({@code X-Twilio-Signature}, validated with the
 * Twilio SDK's {@code RequestValidator} against URLs rebuilt from the configured public base URL)
 * and the one-time stream tokens that bind a Media Stream to the webhook that announced it.
 *
 * <p>Depends on the Twilio SDK ({@code com.twilio.security}) and the JDK only.
 */
package dev.switchboard.twilio.security;
