package dev.switchboard.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The server's typed configuration, built from {@link ConfigValues}. Immutable; {@code toString()}
 * never prints secrets.
 *
 * @param values the resolved values behind this config (for {@code config show})
 */
public record ServerConfig(
    Http http,
    Sip sip,
    Optional<URI> publicUrl,
    Flows flows,
    int maxConcurrentCalls,
    Duration drainDeadline,
    Optional<String> adminToken,
    OpenAi openai,
    Twilio twilio,
    Recordings recordings,
    String logFormat,
    ConfigValues values) {

  /** HTTP listener. */
  public record Http(String host, int port) {}

  /** SIP listener and RTP port range. */
  public record Sip(boolean enabled, String host, int port, int rtpPortMin, int rtpPortMax) {}

  /**
   * @param dir flows directory, or empty for the bundled example flow
   */
  public record Flows(Optional<Path> dir, Duration reloadInterval) {}

  /**
   * @param apiKey secret, empty when OpenAI is not configured
   */
  public record OpenAi(Optional<String> apiKey, URI realtimeUrl, String model) {
    @Override
    public String toString() {
      return "OpenAi[apiKey="
          + (apiKey.isPresent() ? "****" : "unset")
          + ", url="
          + realtimeUrl
          + ", model="
          + model
          + "]";
    }
  }

  /**
   * @param authToken secret, validates request signatures; empty = endpoints reject requests
   */
  public record Twilio(Optional<String> accountSid, Optional<String> authToken) {
    @Override
    public String toString() {
      return "Twilio[accountSid="
          + accountSid.orElse("unset")
          + ", authToken="
          + (authToken.isPresent() ? "****" : "unset")
          + "]";
    }
  }

  /**
   * @param indexUrl JDBC URL, empty for the embedded index
   */
  public record Recordings(
      Path dir,
      Optional<String> indexUrl,
      Optional<String> indexUser,
      Optional<String> indexPassword) {
    @Override
    public String toString() {
      return "Recordings[dir=" + dir + ", indexUrl=" + indexUrl.orElse("embedded") + "]";
    }
  }

  /** Defaults plus the environment; no file. */
  public static ServerConfig defaults(java.util.Map<String, String> env) {
    return ConfigLoader.load(null, env);
  }

  /** Builds the typed config and checks rules that span keys. */
  public static ServerConfig from(ConfigValues v) {
    List<String> problems = new ArrayList<>();
    int rtpMin = v.<Integer>get(ConfigKey.RTP_PORT_MIN);
    int rtpMax = v.<Integer>get(ConfigKey.RTP_PORT_MAX);
    if (rtpMin > rtpMax || rtpMin % 2 != 0) {
      // RFC 3550 §11: RTP uses an even port, RTCP the next odd one.
      problems.add(
          "'sip.rtpPortMin' = "
              + rtpMin
              + " and 'sip.rtpPortMax' = "
              + rtpMax
              + " are invalid: need an even rtpPortMin <= rtpPortMax");
    }
    long markMillis = v.<Duration>get(ConfigKey.TWILIO_MARK_INTERVAL).toMillis();
    if (markMillis < 20 || markMillis > 1000 || markMillis % 20 != 0) {
      // Twilio media goes out in whole 20 ms frames: a mark can only follow a frame.
      problems.add(
          "'twilio.markInterval' = "
              + markMillis
              + "ms is invalid: need a multiple of 20ms from 20ms to 1s");
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    String flowsDir = v.get(ConfigKey.FLOWS_DIR);
    String indexUrl = v.get(ConfigKey.INDEX_URL);
    return new ServerConfig(
        new Http(v.get(ConfigKey.HTTP_HOST), v.<Integer>get(ConfigKey.HTTP_PORT)),
        new Sip(
            v.<Boolean>get(ConfigKey.SIP_ENABLED),
            v.get(ConfigKey.SIP_HOST),
            v.<Integer>get(ConfigKey.SIP_PORT),
            rtpMin,
            rtpMax),
        Optional.ofNullable(v.get(ConfigKey.PUBLIC_URL)),
        new Flows(
            Optional.ofNullable(flowsDir).map(Path::of), v.get(ConfigKey.FLOWS_RELOAD_INTERVAL)),
        v.<Integer>get(ConfigKey.MAX_CONCURRENT_CALLS),
        v.get(ConfigKey.DRAIN_DEADLINE),
        Optional.ofNullable(v.get(ConfigKey.ADMIN_TOKEN)),
        new OpenAi(
            Optional.ofNullable(v.get(ConfigKey.OPENAI_API_KEY)),
            v.get(ConfigKey.OPENAI_REALTIME_URL),
            v.get(ConfigKey.OPENAI_MODEL)),
        new Twilio(
            Optional.ofNullable(v.get(ConfigKey.TWILIO_ACCOUNT_SID)),
            Optional.ofNullable(v.get(ConfigKey.TWILIO_AUTH_TOKEN))),
        new Recordings(
            Path.of(v.<String>get(ConfigKey.RECORDINGS_DIR)),
            Optional.ofNullable(indexUrl),
            Optional.ofNullable(v.get(ConfigKey.INDEX_USER)),
            Optional.ofNullable(v.get(ConfigKey.INDEX_PASSWORD))),
        v.get(ConfigKey.LOG_FORMAT),
        v);
  }

  /** The address SIP and SDP advertise, when set ({@code sip.advertisedHost}). */
  public Optional<String> sipAdvertisedHost() {
    return Optional.ofNullable(values.get(ConfigKey.SIP_ADVERTISED_HOST));
  }

  /** Agent audio between two outbound Twilio marks ({@code twilio.markInterval}). */
  public Duration twilioMarkInterval() {
    return values.get(ConfigKey.TWILIO_MARK_INTERVAL);
  }

  /** Silence after which a Twilio Media Stream is dropped ({@code twilio.streamIdleTimeout}). */
  public Duration twilioStreamIdleTimeout() {
    return values.get(ConfigKey.TWILIO_STREAM_IDLE_TIMEOUT);
  }

  /** Outbound legs (transfer by bridging): trunk, caller ID, credentials, ring timeout. */
  public SipOutbound sipOutbound() {
    return new SipOutbound(
        Optional.ofNullable(values.get(ConfigKey.SIP_OUTBOUND_PROXY)),
        values.get(ConfigKey.SIP_OUTBOUND_FROM_USER),
        Optional.ofNullable(values.get(ConfigKey.SIP_OUTBOUND_DISPLAY_NAME)),
        Optional.ofNullable(values.get(ConfigKey.SIP_OUTBOUND_AUTH_USER)),
        Optional.ofNullable(values.get(ConfigKey.SIP_OUTBOUND_AUTH_PASSWORD)),
        values.get(ConfigKey.SIP_OUTBOUND_RING_TIMEOUT));
  }

  /**
   * @param authPassword secret; never printed
   */
  public record SipOutbound(
      Optional<String> proxy,
      String fromUser,
      Optional<String> displayName,
      Optional<String> authUser,
      Optional<String> authPassword,
      Duration ringTimeout) {
    @Override
    public String toString() {
      return "SipOutbound[proxy="
          + proxy.orElse("none")
          + ", fromUser="
          + fromUser
          + ", authUser="
          + authUser.orElse("none")
          + ", authPassword="
          + (authPassword.isPresent() ? "****" : "unset")
          + ", ringTimeout="
          + ringTimeout
          + "]";
    }
  }

  /** A copy listening on the given ports (tests use 0 for free ports). */
  public ServerConfig withPorts(int httpPort, int sipPort) {
    return new ServerConfig(
        new Http(http.host(), httpPort),
        new Sip(sip.enabled(), sip.host(), sipPort, sip.rtpPortMin(), sip.rtpPortMax()),
        publicUrl,
        flows,
        maxConcurrentCalls,
        drainDeadline,
        adminToken,
        openai,
        twilio,
        recordings,
        logFormat,
        values);
  }

  @Override
  public String toString() {
    return "ServerConfig[http="
        + http
        + ", sip="
        + sip
        + ", publicUrl="
        + publicUrl
        + ", flows="
        + flows
        + ", maxConcurrentCalls="
        + maxConcurrentCalls
        + ", drainDeadline="
        + drainDeadline
        + ", admin="
        + (adminToken.isPresent() ? "on" : "off")
        + ", "
        + openai
        + ", "
        + twilio
        + ", "
        + recordings
        + "]";
  }
}
