package dev.switchboard.twilio.rest;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Call;
import dev.switchboard.twilio.stream.CallCompleter;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

/**
 * Ends calls over the Twilio REST API with the SDK ({@code POST
 * /2010-04-01/Accounts/{AccountSid}/Calls/{CallSid}.json} with {@code Status=completed}). The SDK
 * blocks, so each request runs on a virtual thread. Thread-safe; holds the credentials and never
 * prints them.
 */
public final class RestCallControl implements CallCompleter {

  private final String accountSid;
  private final TwilioRestClient client;
  private final Executor executor = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * @param restBaseUrl another API base URL (tests), or {@code null} for api.twilio.com
   */
  public RestCallControl(String accountSid, String authToken, URI restBaseUrl, Duration timeout) {
    if (accountSid == null || !accountSid.startsWith("AC")) {
      throw new IllegalArgumentException(
          "Twilio account SID must start with AC, was '" + accountSid + "'");
    }
    this.accountSid = accountSid;
    TwilioRestClient.Builder b = new TwilioRestClient.Builder(accountSid, authToken);
    if (restBaseUrl != null) {
      b.httpClient(new RebasedHttpClient(restBaseUrl, timeout));
    }
    this.client = b.build();
  }

  @Override
  public CompletableFuture<Void> complete(String callSid) {
    return CompletableFuture.runAsync(
        () ->
            Call.updater(accountSid, callSid).setStatus(Call.UpdateStatus.COMPLETED).update(client),
        executor);
  }

  @Override
  public String toString() {
    return "RestCallControl[" + accountSid + "]";
  }
}
