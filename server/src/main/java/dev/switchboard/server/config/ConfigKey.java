package dev.switchboard.server.config;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every configuration key: its YAML path, environment variable, type, default and meaning. The
 * single source of truth for the loader, {@code config show} and the README reference table.
 */
public enum ConfigKey {
  HTTP_HOST("http.host", "SWITCHBOARD_HTTP_HOST", ValueType.STRING, "0.0.0.0", "HTTP bind address"),
  HTTP_PORT(
      "http.port",
      "SWITCHBOARD_HTTP_PORT",
      ValueType.PORT,
      "8080",
      "HTTP port: Twilio webhooks and media, admin API, `/metrics`, `/healthz`, `/readyz`"),
  SIP_ENABLED("sip.enabled", "SWITCHBOARD_SIP_ENABLED", ValueType.BOOLEAN, "true", "SIP listener"),
  SIP_HOST("sip.host", "SWITCHBOARD_SIP_HOST", ValueType.STRING, "0.0.0.0", "SIP bind address"),
  SIP_PORT("sip.port", "SWITCHBOARD_SIP_PORT", ValueType.PORT, "5060", "SIP port (UDP and TCP)"),
  SIP_ADVERTISED_HOST(
      "sip.advertisedHost",
      "SWITCHBOARD_SIP_ADVERTISED_HOST",
      ValueType.STRING,
      null,
      "address written into SIP Contact and SDP `c=` (public/NAT address); unset = the bind"
          + " address, or this host's first non-loopback IPv4 when bound to 0.0.0.0"),
  RTP_PORT_MIN(
      "sip.rtpPortMin", "SWITCHBOARD_RTP_PORT_MIN", ValueType.PORT, "10000", "lowest RTP port"),
  RTP_PORT_MAX(
      "sip.rtpPortMax", "SWITCHBOARD_RTP_PORT_MAX", ValueType.PORT, "20000", "highest RTP port"),
  SIP_OUTBOUND_PROXY(
      "sip.outbound.proxy",
      "SWITCHBOARD_SIP_OUTBOUND_PROXY",
      ValueType.STRING,
      null,
      "outbound proxy / trunk (`sip:host[:port]`, add `;transport=tcp` for TCP) for"
          + " transfer-by-bridge legs; needed to dial numbers; unset = `sip:` targets are called"
          + " directly (over TCP when the target says `;transport=tcp`)"),
  SIP_OUTBOUND_FROM_USER(
      "sip.outbound.fromUser",
      "SWITCHBOARD_SIP_OUTBOUND_FROM_USER",
      ValueType.STRING,
      "switchboard",
      "user part of the From URI of outbound legs (the caller ID the trunk sees)"),
  SIP_OUTBOUND_DISPLAY_NAME(
      "sip.outbound.displayName",
      "SWITCHBOARD_SIP_OUTBOUND_DISPLAY_NAME",
      ValueType.STRING,
      null,
      "From display name of outbound legs"),
  SIP_OUTBOUND_AUTH_USER(
      "sip.outbound.authUser",
      "SWITCHBOARD_SIP_OUTBOUND_AUTH_USER",
      ValueType.STRING,
      null,
      "digest user for 401/407 challenges from the outbound proxy (only that hop gets them)"),
  SIP_OUTBOUND_AUTH_PASSWORD(
      "sip.outbound.authPassword",
      "SWITCHBOARD_SIP_OUTBOUND_AUTH_PASSWORD",
      ValueType.STRING,
      null,
      "digest password for the outbound proxy",
      true),
  SIP_OUTBOUND_RING_TIMEOUT(
      "sip.outbound.ringTimeout",
      "SWITCHBOARD_SIP_OUTBOUND_RING_TIMEOUT",
      ValueType.DURATION,
      "30s",
      "an outbound leg not answered within this is cancelled and the transfer fails"),
  PUBLIC_URL(
      "publicUrl",
      "SWITCHBOARD_PUBLIC_URL",
      ValueType.URL,
      null,
      "public https URL of this server, for Twilio webhooks and `wss://` media streams"),
  FLOWS_DIR(
      "flows.dir",
      "SWITCHBOARD_FLOWS_DIR",
      ValueType.PATH,
      null,
      "directory of flow YAML files; unset = the bundled example flow"),
  FLOWS_RELOAD_INTERVAL(
      "flows.reloadInterval",
      "SWITCHBOARD_FLOWS_RELOAD_INTERVAL",
      ValueType.DURATION,
      "2s",
      "how often the flows directory is checked for changes"),
  MAX_CONCURRENT_CALLS(
      "limits.maxConcurrentCalls",
      "SWITCHBOARD_MAX_CONCURRENT_CALLS",
      ValueType.POSITIVE_INT,
      "100",
      "calls beyond this are refused (SIP 503, Twilio polite reject)"),
  DRAIN_DEADLINE(
      "drain.deadline",
      "SWITCHBOARD_DRAIN_DEADLINE",
      ValueType.DURATION,
      "30s",
      "on SIGTERM, how long calls in progress may finish before they are ended"),
  ADMIN_TOKEN(
      "admin.token",
      "SWITCHBOARD_ADMIN_TOKEN",
      ValueType.STRING,
      null,
      "bearer token of the admin API; unset = admin API off",
      true),
  OPENAI_API_KEY(
      "openai.apiKey",
      "OPENAI_API_KEY",
      ValueType.STRING,
      null,
      "OpenAI key; when set, flows default to OpenAI Realtime",
      true),
  OPENAI_REALTIME_URL(
      "openai.realtimeUrl",
      "OPENAI_REALTIME_URL",
      ValueType.WS_URL,
      "wss://api.openai.com/v1/realtime",
      "OpenAI Realtime WebSocket URL"),
  OPENAI_MODEL(
      "openai.model",
      "SWITCHBOARD_OPENAI_MODEL",
      ValueType.STRING,
      "gpt-realtime",
      "model of flows that do not name one"),
  TWILIO_ACCOUNT_SID(
      "twilio.accountSid", "TWILIO_ACCOUNT_SID", ValueType.STRING, null, "Twilio account SID"),
  TWILIO_AUTH_TOKEN(
      "twilio.authToken",
      "TWILIO_AUTH_TOKEN",
      ValueType.STRING,
      null,
      "validates `X-Twilio-Signature`; unset = Twilio endpoints reject requests",
      true),
  TWILIO_MARK_INTERVAL(
      "twilio.markInterval",
      "SWITCHBOARD_TWILIO_MARK_INTERVAL",
      ValueType.DURATION,
      "100ms",
      "agent audio between two `mark`s on a Twilio stream (a multiple of 20ms, 20ms to 1s); every"
          + " run of agent audio also ends with one"),
  TWILIO_STREAM_IDLE_TIMEOUT(
      "twilio.streamIdleTimeout",
      "SWITCHBOARD_TWILIO_STREAM_IDLE_TIMEOUT",
      ValueType.DURATION,
      "10s",
      "a Twilio Media Stream on which nothing arrives this long is dropped and its call ends"
          + " (Twilio sends a frame every 20ms); 0s = never"),
  RECORDINGS_DIR(
      "recordings.dir",
      "SWITCHBOARD_RECORDINGS_DIR",
      ValueType.PATH,
      "recordings",
      "where recordings and transcripts are written"),
  INDEX_URL(
      "recordings.indexUrl",
      "SWITCHBOARD_INDEX_URL",
      ValueType.STRING,
      null,
      "JDBC URL of the call index (e.g. PostgreSQL); unset = embedded index in `recordings.dir`"),
  INDEX_USER(
      "recordings.indexUser", "SWITCHBOARD_INDEX_USER", ValueType.STRING, null, "index user"),
  INDEX_PASSWORD(
      "recordings.indexPassword",
      "SWITCHBOARD_INDEX_PASSWORD",
      ValueType.STRING,
      null,
      "index password",
      true),
  LOG_FORMAT(
      "logging.format",
      "SWITCHBOARD_LOG_FORMAT",
      ValueType.LOG_FORMAT,
      "auto",
      "`json` lines, human `text`, or `auto` (text on a terminal, JSON otherwise)");

  private final String path;
  private final String env;
  private final ValueType type;
  private final String defaultValue;
  private final String description;
  private final boolean secret;

  ConfigKey(String path, String env, ValueType type, String defaultValue, String description) {
    this(path, env, type, defaultValue, description, false);
  }

  ConfigKey(
      String path,
      String env,
      ValueType type,
      String defaultValue,
      String description,
      boolean secret) {
    this.path = path;
    this.env = env;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
    this.secret = secret;
  }

  /** Dotted YAML path, e.g. {@code http.port}. */
  public String path() {
    return path;
  }

  /** The environment variable overriding the file. */
  public String env() {
    return env;
  }

  public ValueType type() {
    return type;
  }

  /** Default as written in YAML, or {@code null} when unset by default. */
  public String defaultValue() {
    return defaultValue;
  }

  public String description() {
    return description;
  }

  /** Never logged or echoed. */
  public boolean secret() {
    return secret;
  }

  public static Optional<ConfigKey> byPath(String path) {
    return Arrays.stream(values()).filter(k -> k.path.equals(path)).findFirst();
  }

  public static Optional<ConfigKey> byEnv(String env) {
    return Arrays.stream(values()).filter(k -> k.env.equals(env)).findFirst();
  }
}
