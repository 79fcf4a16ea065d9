package dev.switchboard.twilio.security;

import com.twilio.security.RequestValidator;
import java.net.URI;
import java.util.Map;

/**
 * Validates {@code X-Twilio-Signature} with the Twilio SDK's {@link RequestValidator} ("Webhooks
 * security": HMAC-SHA1 over the full URL plus the sorted POST parameters, keyed by the auth token).
 *
 * <p>Twilio signs the URL it called, which behind a TLS-terminating proxy is not the URL we see, so
 * the URL is rebuilt from the configured public base URL plus the request path and query. The SDK
 * tries the URL with and without an explicit default port, since Twilio may sign either form. The
 * WebSocket upgrade is signed over {@code wss://host/path} with no parameters ("Media Streams",
 * "Securing your WebSocket connection").
 *
 * <p>Immutable and thread-safe. Holds the auth token; {@link #toString()} never shows it.
 */
public final class TwilioSignatures {

  private final RequestValidator validator;
  private final URI publicBaseUrl;

  /**
   * @param authToken the account's auth token (the signing key)
   * @param publicBaseUrl how Twilio reaches us, e.g. {@code https://voice.example.com}
   */
  public TwilioSignatures(String authToken, URI publicBaseUrl) {
    if (authToken == null || authToken.isBlank()) {
      throw new IllegalArgumentException("a Twilio auth token is required to validate signatures");
    }
    this.validator = new RequestValidator(authToken);
    this.publicBaseUrl = publicBaseUrl;
  }

  /** The public URL Twilio called for {@code path} and {@code query} (may be null). */
  public String publicUrl(String path, String query) {
    String base = stripSlash(publicBaseUrl.toString());
    return base + path + (query == null || query.isEmpty() ? "" : "?" + query);
  }

  /** The {@code ws(s)://} URL of {@code path}: https becomes wss, http becomes ws. */
  public String webSocketUrl(String path) {
    String scheme = "https".equalsIgnoreCase(publicBaseUrl.getScheme()) ? "wss" : "ws";
    String base = stripSlash(publicBaseUrl.getRawAuthority() + publicBaseUrl.getRawPath());
    return scheme + "://" + base + path;
  }

  /** Checks a webhook: form-encoded POST parameters signed with the full public URL. */
  public SignatureCheck checkWebhook(
      String path, String query, Map<String, String> formParams, String signature) {
    if (signature == null || signature.isEmpty()) {
      return SignatureCheck.MISSING;
    }
    return validator.validate(publicUrl(path, query), formParams, signature)
        ? SignatureCheck.VALID
        : SignatureCheck.MISMATCH;
  }

  /** Checks a WebSocket upgrade, signed over {@code wss://host/path} with no parameters. */
  public SignatureCheck checkUpgrade(String path, String signature) {
    if (signature == null || signature.isEmpty()) {
      return SignatureCheck.MISSING;
    }
    return validator.validate(webSocketUrl(path), Map.of(), signature)
        ? SignatureCheck.VALID
        : SignatureCheck.MISMATCH;
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  @Override
  public String toString() {
    return "TwilioSignatures[" + publicBaseUrl + ", token=***]";
  }
}
