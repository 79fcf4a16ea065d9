/**
 * TwiML answers built with the Twilio SDK's {@code com.twilio.twiml} builders (never by string
 * concatenation, so values are XML-escaped). Depends on the Twilio SDK and the JDK only.
 */
package dev.switchboard.twilio.twiml;
