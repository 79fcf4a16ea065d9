package dev.switchboard.testkit.twilio;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The HTTP side of one simulated Twilio call ({@link TwilioSimulator}): the voice webhook, the
 * {@code <Connect action>} once the stream ends, and any other signed POST, each signed with the
 * test auth token as Twilio signs its requests.
 *
 * <p>Thread-safe (immutable; the HTTP client is shared).
 */
final class TwilioWebhooks {

  private final String baseUrl;
  private final TwilioSigner signer;
  private final HttpClient http;
  private final String accountSid;
  private final String callSid;
  private final String from;
  private final String to;

  TwilioWebhooks(
      String baseUrl,
      TwilioSigner signer,
      HttpClient http,
      String accountSid,
      String callSid,
      String from,
      String to) {
    this.baseUrl = baseUrl.replaceAll("/$", "");
    this.signer = signer;
    this.http = http;
    this.accountSid = accountSid;
    this.callSid = callSid;
    this.from = from;
    this.to = to;
  }

  /** The parameters Twilio posts to the voice webhook for an inbound call. */
  Map<String, String> voiceParams() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("AccountSid", accountSid);
    p.put("ApiVersion", "2010-04-01");
    p.put("CallSid", callSid);
    p.put("CallStatus", "ringing");
    p.put("Direction", "inbound");
    p.put("From", from);
    p.put("To", to);
    return p;
  }

  /** Calls the voice webhook, signed; returns the TwiML (fails on a non-200 answer). */
  TwimlAnswer dial() throws IOException, InterruptedException {
    HttpResponse<String> r = post("/twilio/voice", voiceParams(), null);
    if (r.statusCode() != 200) {
      throw new IOException("voice webhook answered HTTP " + r.statusCode());
    }
    return TwimlAnswer.parse(r.body());
  }

  /**
   * POSTs form {@code params} to {@code path}, signed like Twilio unless {@code signature} is given
   * (use {@code ""} to send none).
   */
  HttpResponse<String> post(String path, Map<String, String> params, String signature)
      throws IOException, InterruptedException {
    String url = baseUrl + path;
    String body =
        params.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    String sig = signature != null ? signature : signer.sign(url, params);
    if (!sig.isEmpty()) {
      b.header("X-Twilio-Signature", sig);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** What Twilio requests from the {@code <Connect action>} of {@code answer} after the stream. */
  TwimlAnswer afterStream(TwimlAnswer answer) throws IOException, InterruptedException {
    String path = URI.create(answer.connectAction()).getRawPath();
    Map<String, String> p = voiceParams();
    p.put("CallStatus", "in-progress");
    HttpResponse<String> r = post(path, p, null);
    if (r.statusCode() != 200) {
      throw new IOException("after-stream webhook answered HTTP " + r.statusCode());
    }
    return TwimlAnswer.parse(r.body());
  }

  /** The signature of a WebSocket upgrade to {@code url} (no parameters). */
  String signUpgrade(String url) {
    return signer.sign(url, Map.of());
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
