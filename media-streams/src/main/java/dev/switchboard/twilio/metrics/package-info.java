/**
 * Counters of the Twilio edge ({@link dev.switchboard.twilio.metrics.TwilioMetrics}), read by the
 * server's metrics endpoint and by tests. JDK only.
 */
package dev.switchboard.twilio.metrics;
