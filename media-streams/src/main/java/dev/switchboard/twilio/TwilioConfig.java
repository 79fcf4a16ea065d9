package dev.switchboard.twilio;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * How this deployment meets Twilio.
 *
 * <p>Immutable; safe to share between threads. {@link #toString()} never shows the auth token.
 *
 * @param publicBaseUrl how Twilio reaches us, e.g. {@code https://voice.example.com}: signatures
 *     are validated against it (so they hold behind TLS-terminating proxies) and the stream URL is
 *     built from it ({@code wss://host/twilio/media}); plain {@code http} only for loopback hosts
 *     (tests)
 * @param authToken the account auth token (signing key, REST password)
 * @param accountSid the account SID ({@code AC…}), or {@code null}: then calls end by closing the
 *     stream and answering {@code <Hangup/>}, not over REST
 * @param restBaseUrl another REST API base URL (tests), or {@code null} for api.twilio.com
 * @param capacity most concurrent calls; beyond it callers hear a polite refusal
 * @param fallbackNumber where refused callers are dialled instead, or {@code null} to hang up
 * @param streamConnectTimeout how long a pre-warmed call waits for its Media Stream
 * @param markIntervalMillis most agent audio between two outbound {@code mark}s (a multiple of the
 *     20 ms frame, 20 to 1000); every run of agent audio also ends with a mark, so playback
 *     completion stays exact. Each mark costs a message each way (Twilio echoes it), so the default
 *     100 ms sends a fifth of the marks of one per frame (20)
 */
public record TwilioConfig(
    URI publicBaseUrl,
    String authToken,
    String accountSid,
    URI restBaseUrl,
    int capacity,
    String fallbackNumber,
    Duration streamConnectTimeout,
    int markIntervalMillis) {

  /** Default mark interval: five 20 ms frames. */
  public static final int DEFAULT_MARK_INTERVAL_MILLIS = 100;

  /** With the default mark interval. */
  public TwilioConfig(
      URI publicBaseUrl,
      String authToken,
      String accountSid,
      URI restBaseUrl,
      int capacity,
      String fallbackNumber,
      Duration streamConnectTimeout) {
    this(
        publicBaseUrl,
        authToken,
        accountSid,
        restBaseUrl,
        capacity,
        fallbackNumber,
        streamConnectTimeout,
        DEFAULT_MARK_INTERVAL_MILLIS);
  }

  public TwilioConfig {
    if (publicBaseUrl == null || publicBaseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "public base URL with a host is required, was " + publicBaseUrl);
    }
    String scheme = String.valueOf(publicBaseUrl.getScheme());
    boolean loopback =
        "127.0.0.1".equals(publicBaseUrl.getHost()) || "localhost".equals(publicBaseUrl.getHost());
    if (!"https".equals(scheme) && !("http".equals(scheme) && loopback)) {
      throw new IllegalArgumentException(
          "public base URL must be https (Twilio streams need wss://), was " + publicBaseUrl);
    }
    if (publicBaseUrl.getRawQuery() != null) {
      throw new IllegalArgumentException("public base URL takes no query: " + publicBaseUrl);
    }
    if (authToken == null || authToken.isBlank()) {
      throw new IllegalArgumentException("Twilio auth token is required (TWILIO_AUTH_TOKEN)");
    }
    if (accountSid != null && !accountSid.matches("AC[0-9a-zA-Z]{32}")) {
      throw new IllegalArgumentException(
          "Twilio account SID must be AC + 32 characters, was '" + accountSid + "'");
    }
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    // Twilio media frames are 20 ms (160 bytes of 8 kHz μ-law): marks sit between whole frames.
    if (markIntervalMillis < 20 || markIntervalMillis > 1000 || markIntervalMillis % 20 != 0) {
      throw new IllegalArgumentException(
          "mark interval must be a multiple of 20 ms from 20 to 1000, was "
              + markIntervalMillis
              + " ms");
    }
    streamConnectTimeout =
        streamConnectTimeout == null ? Duration.ofSeconds(15) : streamConnectTimeout;
  }

  /** Config with the defaults for everything optional. */
  public static TwilioConfig of(URI publicBaseUrl, String authToken) {
    return new TwilioConfig(publicBaseUrl, authToken, null, null, 100, null, null);
  }

  /**
   * From the environment: {@code SWITCHBOARD_PUBLIC_URL}, {@code TWILIO_AUTH_TOKEN}, optional
   * {@code TWILIO_ACCOUNT_SID}, {@code TWILIO_REST_BASE_URL}, {@code SWITCHBOARD_TWILIO_CAPACITY},
   * {@code SWITCHBOARD_FALLBACK_NUMBER}, {@code SWITCHBOARD_TWILIO_MARK_INTERVAL_MS}.
   */
  public static TwilioConfig fromEnvironment(Map<String, String> env) {
    String url = env.get("SWITCHBOARD_PUBLIC_URL");
    if (url == null) {
      throw new IllegalArgumentException("SWITCHBOARD_PUBLIC_URL is not set");
    }
    String rest = env.get("TWILIO_REST_BASE_URL");
    return new TwilioConfig(
        URI.create(url),
        env.get("TWILIO_AUTH_TOKEN"),
        env.get("TWILIO_ACCOUNT_SID"),
        rest == null ? null : URI.create(rest),
        Integer.parseInt(env.getOrDefault("SWITCHBOARD_TWILIO_CAPACITY", "100")),
        env.get("SWITCHBOARD_FALLBACK_NUMBER"),
        null,
        Integer.parseInt(
            env.getOrDefault(
                "SWITCHBOARD_TWILIO_MARK_INTERVAL_MS",
                String.valueOf(DEFAULT_MARK_INTERVAL_MILLIS))));
  }

  /** True when calls can be ended over the REST API. */
  public boolean restEnabled() {
    return accountSid != null;
  }

  public TwilioConfig withAccountSid(String sid, URI restBase) {
    return edit(
        d -> {
          d.accountSid = sid;
          d.restBaseUrl = restBase;
        });
  }

  public TwilioConfig withCapacity(int value, String fallback) {
    return edit(
        d -> {
          d.capacity = value;
          d.fallbackNumber = fallback;
        });
  }

  public TwilioConfig withStreamConnectTimeout(Duration value) {
    return edit(d -> d.streamConnectTimeout = value);
  }

  public TwilioConfig withMarkIntervalMillis(int value) {
    return edit(d -> d.markIntervalMillis = value);
  }

  /** A copy with {@code change} applied: every wither is short, the field list stands once. */
  private TwilioConfig edit(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new TwilioConfig(
        d.publicBaseUrl,
        d.authToken,
        d.accountSid,
        d.restBaseUrl,
        d.capacity,
        d.fallbackNumber,
        d.streamConnectTimeout,
        d.markIntervalMillis);
  }

  /** Mutable scratch copy used only inside {@link #edit}. */
  private static final class Draft {
    URI publicBaseUrl;
    String authToken;
    String accountSid;
    URI restBaseUrl;
    int capacity;
    String fallbackNumber;
    Duration streamConnectTimeout;
    int markIntervalMillis;

    Draft(TwilioConfig c) {
      publicBaseUrl = c.publicBaseUrl;
      authToken = c.authToken;
      accountSid = c.accountSid;
      restBaseUrl = c.restBaseUrl;
      capacity = c.capacity;
      fallbackNumber = c.fallbackNumber;
      streamConnectTimeout = c.streamConnectTimeout;
      markIntervalMillis = c.markIntervalMillis;
    }
  }

  @Override
  public String toString() {
    return "TwilioConfig[publicBaseUrl="
        + publicBaseUrl
        + ", authToken=***, accountSid="
        + accountSid
        + ", restBaseUrl="
        + restBaseUrl
        + ", capacity="
        + capacity
        + ", fallbackNumber="
        + fallbackNumber
        + ", markIntervalMillis="
        + markIntervalMillis
        + "]";
  }
}
