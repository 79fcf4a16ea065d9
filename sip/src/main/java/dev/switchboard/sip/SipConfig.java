package dev.switchboard.sip;

import dev.switchboard.sip.media.MediaConfig;
import dev.switchboard.sip.sdp.AudioCodec;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Settings of the SIP edge.
 *
 * @param bindHost address the SIP listeners bind to
 * @param port SIP port (UDP and TCP)
 * @param transports {@code udp} and/or {@code tcp}
 * @param advertisedHost host written into Contact (public address behind NAT)
 * @param maxCalls calls beyond this get 503 with Retry-After
 * @param allowedSources CIDRs allowed to send INVITE (empty: everyone)
 * @param ackTimeout how long the 200 OK is retransmitted before we give up and send BYE (RFC 3261
 *     §13.3.1.4: 64·T1 = 32 s)
 * @param prepareTimeout how long the backend may take to become ready while ringing
 * @param transferTimeout how long we wait for a final NOTIFY after REFER
 * @param retryAfterSeconds Retry-After in our 503s
 * @param codecs codecs we accept, in our preference order
 * @param outbound where and as whom the bridge places outbound legs (transfer by bridging)
 */
public record SipConfig(
    String bindHost,
    int port,
    List<String> transports,
    String advertisedHost,
    int maxCalls,
    List<String> allowedSources,
    Duration ackTimeout,
    Duration prepareTimeout,
    Duration transferTimeout,
    int retryAfterSeconds,
    List<AudioCodec> codecs,
    MediaConfig media,
    OutboundConfig outbound) {

  public static final Duration ACK_TIMEOUT = Duration.ofSeconds(32);
  public static final Duration PREPARE_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(30);

  public SipConfig {
    outbound = outbound == null ? OutboundConfig.defaults() : outbound;
    transports = List.copyOf(transports);
    allowedSources = List.copyOf(allowedSources);
    codecs = List.copyOf(codecs);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("SIP port out of range: " + port);
    }
    if (maxCalls < 1) {
      throw new IllegalArgumentException("maxCalls must be positive, was " + maxCalls);
    }
    for (String t : transports) {
      if (!t.equals("udp") && !t.equals("tcp")) {
        throw new IllegalArgumentException("unknown SIP transport '" + t + "': use udp or tcp");
      }
    }
  }

  /** Without outbound settings: legs go straight to {@code sip:} targets, no credentials. */
  public SipConfig(
      String bindHost,
      int port,
      List<String> transports,
      String advertisedHost,
      int maxCalls,
      List<String> allowedSources,
      Duration ackTimeout,
      Duration prepareTimeout,
      Duration transferTimeout,
      int retryAfterSeconds,
      List<AudioCodec> codecs,
      MediaConfig media) {
    this(
        bindHost,
        port,
        transports,
        advertisedHost,
        maxCalls,
        allowedSources,
        ackTimeout,
        prepareTimeout,
        transferTimeout,
        retryAfterSeconds,
        codecs,
        media,
        OutboundConfig.defaults());
  }

  public static SipConfig defaults(String host, int port, MediaConfig media) {
    return new SipConfig(
        host,
        port,
        List.of("udp", "tcp"),
        host,
        500,
        List.of(),
        ACK_TIMEOUT,
        PREPARE_TIMEOUT,
        TRANSFER_TIMEOUT,
        5,
        List.of(AudioCodec.PCMU, AudioCodec.PCMA, AudioCodec.OPUS),
        media);
  }

  public SipConfig withMaxCalls(int value) {
    return edit(d -> d.maxCalls = value);
  }

  public SipConfig withAllowedSources(List<String> value) {
    return edit(d -> d.allowedSources = value);
  }

  public SipConfig withTimeouts(Duration ack, Duration prepare, Duration transfer) {
    return edit(
        d -> {
          d.ackTimeout = ack;
          d.prepareTimeout = prepare;
          d.transferTimeout = transfer;
        });
  }

  public SipConfig withCodecs(List<AudioCodec> value) {
    return edit(d -> d.codecs = value);
  }

  public SipConfig withTransports(List<String> value) {
    return edit(d -> d.transports = value);
  }

  public SipConfig withOutbound(OutboundConfig value) {
    return edit(d -> d.outbound = value);
  }

  /** A copy with {@code change} applied: every wither is one line, the field list stands once. */
  private SipConfig edit(Consumer<Draft> change) {
    Draft d = new Draft(this);
    change.accept(d);
    return new SipConfig(
        d.bindHost,
        d.port,
        d.transports,
        d.advertisedHost,
        d.maxCalls,
        d.allowedSources,
        d.ackTimeout,
        d.prepareTimeout,
        d.transferTimeout,
        d.retryAfterSeconds,
        d.codecs,
        d.media,
        d.outbound);
  }

  /** Mutable scratch copy used only inside {@link #edit}. */
  private static final class Draft {
    String bindHost;
    int port;
    List<String> transports;
    String advertisedHost;
    int maxCalls;
    List<String> allowedSources;
    Duration ackTimeout;
    Duration prepareTimeout;
    Duration transferTimeout;
    int retryAfterSeconds;
    List<AudioCodec> codecs;
    MediaConfig media;
    OutboundConfig outbound;

    Draft(SipConfig c) {
      bindHost = c.bindHost;
      port = c.port;
      transports = c.transports;
      advertisedHost = c.advertisedHost;
      maxCalls = c.maxCalls;
      allowedSources = c.allowedSources;
      ackTimeout = c.ackTimeout;
      prepareTimeout = c.prepareTimeout;
      transferTimeout = c.transferTimeout;
      retryAfterSeconds = c.retryAfterSeconds;
      codecs = c.codecs;
      media = c.media;
      outbound = c.outbound;
    }
  }
}
