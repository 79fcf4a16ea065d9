package dev.switchboard.twilio.stream;

import java.util.concurrent.CompletableFuture;

/**
 * Ends a Twilio call from our side through the REST API ({@code Call.update(Status=completed)}).
 * Implementations return at once and complete from their own thread.
 */
@FunctionalInterface
public interface CallCompleter {
  CompletableFuture<Void> complete(String callSid);
}
