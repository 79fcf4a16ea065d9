package dev.switchboard.sip.media;

import dev.switchboard.sip.rtp.PortRange;
import java.net.InetAddress;
import java.time.Duration;

/**
 * Media settings shared by all calls of a SIP server.
 *
 * @param bindAddress local address RTP sockets bind to
 * @param advertisedAddress address written into our SDP {@code c=} line (public/NAT address)
 * @param ports RTP/RTCP port range
 * @param initialTimeout how long after answering we wait for the first RTP packet
 * @param steadyTimeout how long an established stream may be silent (no RTP, no RTCP) while the
 *     peer is supposed to send
 * @param rtcpInterval interval between our RTCP reports (RFC 3550 §6.2: 5 s minimum nominal)
 * @param scheduler the RTP send clock: dedicated threads that only send prepared packets at each
 *     call's 20 ms deadline and wake the call's media worker (uplink, encode ahead, RTCP)
 */
public record MediaConfig(
    InetAddress bindAddress,
    String advertisedAddress,
    PortRange ports,
    Duration initialTimeout,
    Duration steadyTimeout,
    Duration rtcpInterval,
    MediaScheduler scheduler) {

  /** No RTP at all after answer: the peer never got our SDP or a firewall is in the way. */
  public static final Duration INITIAL_MEDIA_TIMEOUT = Duration.ofSeconds(20);

  /** An established stream that stops: the peer vanished without BYE. */
  public static final Duration MEDIA_TIMEOUT = Duration.ofSeconds(15);

  public static final Duration RTCP_INTERVAL = Duration.ofSeconds(5);

  public static MediaConfig defaults(InetAddress bindAddress, String advertisedAddress) {
    return new MediaConfig(
        bindAddress,
        advertisedAddress,
        new PortRange(10_000, 20_000),
        INITIAL_MEDIA_TIMEOUT,
        MEDIA_TIMEOUT,
        RTCP_INTERVAL,
        MediaScheduler.shared());
  }

  public MediaConfig withPorts(PortRange value) {
    return new MediaConfig(
        bindAddress,
        advertisedAddress,
        value,
        initialTimeout,
        steadyTimeout,
        rtcpInterval,
        scheduler);
  }

  public MediaConfig withTimeouts(Duration initial, Duration steady) {
    return new MediaConfig(
        bindAddress, advertisedAddress, ports, initial, steady, rtcpInterval, scheduler);
  }
}
