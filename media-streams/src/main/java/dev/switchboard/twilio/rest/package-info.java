/**
 * Twilio REST call control through the Twilio SDK: {@link
 * dev.switchboard.twilio.rest.RestCallControl} completes calls ({@code Call.updater(sid)
 * .setStatus(COMPLETED)}); {@link dev.switchboard.twilio.rest.RebasedHttpClient} points the SDK at
 * another base URL (a local fake in tests). Depends on the Twilio SDK, the stream package's {@code
 * CallCompleter} SPI and the JDK.
 */
package dev.switchboard.twilio.rest;
