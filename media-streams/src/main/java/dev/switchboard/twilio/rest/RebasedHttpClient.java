package dev.switchboard.twilio.rest;

import com.twilio.http.HttpClient;
import com.twilio.http.HttpMethod;
import com.twilio.http.Request;
import com.twilio.http.Response;
import java.io.IOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * An SDK {@link HttpClient} that sends every request to another base URL (same path and query), on
 * the JDK HTTP client. Used to point the SDK at a local fake of the REST API. Thread-safe.
 */
final class RebasedHttpClient extends HttpClient {

  private final URI base;
  private final Duration timeout;
  private final java.net.http.HttpClient http;

  RebasedHttpClient(URI base, Duration timeout) {
    this.base = base;
    this.timeout = timeout;
    this.http = java.net.http.HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  @Override
  public Response makeRequest(Request request) {
    URL original = request.constructURL();
    String query = original.getQuery();
    URI target =
        URI.create(
            base.toString().replaceAll("/$", "")
                + original.getPath()
                + (query == null || query.isEmpty() ? "" : "?" + query));
    String form = request.encodeFormBody();
    HttpRequest.BodyPublisher body =
        request.getMethod() == HttpMethod.POST
            ? HttpRequest.BodyPublishers.ofString(form, StandardCharsets.UTF_8)
            : HttpRequest.BodyPublishers.noBody();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(target)
            .timeout(timeout)
            .method(request.getMethod().toString(), body);
    if (request.getMethod() == HttpMethod.POST) {
      b.header("Content-Type", "application/x-www-form-urlencoded");
    }
    if (request.requiresAuthentication()) {
      String basic = request.getUsername() + ":" + request.getPassword();
      b.header(
          "Authorization",
          "Basic " + Base64.getEncoder().encodeToString(basic.getBytes(StandardCharsets.UTF_8)));
    }
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(r.body(), r.statusCode());
    } catch (IOException e) {
      throw new com.twilio.exception.ApiConnectionException(
          "REST request to " + target.getHost() + " failed: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new com.twilio.exception.ApiConnectionException("interrupted", e);
    }
  }
}
