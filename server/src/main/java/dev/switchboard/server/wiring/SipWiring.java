package dev.switchboard.server.wiring;

import dev.switchboard.server.config.ServerConfig;
import dev.switchboard.sip.OutboundConfig;
import dev.switchboard.sip.SipConfig;
import dev.switchboard.sip.media.MediaConfig;
import dev.switchboard.sip.rtp.PortRange;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;

/** The SIP edge's settings from the server configuration. */
final class SipWiring {

  private SipWiring() {}

  static SipConfig sipConfig(ServerConfig config) {
    ServerConfig.Sip sip = config.sip();
    String advertised = config.sipAdvertisedHost().orElseGet(() -> advertisable(sip.host()));
    InetAddress bind;
    try {
      bind = InetAddress.getByName(sip.host());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("sip.host '" + sip.host() + "' does not resolve", e);
    }
    MediaConfig media =
        MediaConfig.defaults(bind, advertised)
            .withPorts(new PortRange(sip.rtpPortMin(), sip.rtpPortMax()));
    SipConfig defaults = SipConfig.defaults(sip.host(), port(bind, sip.port()), media);
    // The SIP edge's own limit matches the server's; the CallRouter's admission (shared with
    // Twilio) is the one that counts.
    return new SipConfig(
            defaults.bindHost(),
            defaults.port(),
            defaults.transports(),
            advertised,
            defaults.maxCalls(),
            defaults.allowedSources(),
            defaults.ackTimeout(),
            defaults.prepareTimeout(),
            defaults.transferTimeout(),
            defaults.retryAfterSeconds(),
            defaults.codecs(),
            media)
        .withMaxCalls(config.maxConcurrentCalls())
        .withOutbound(outbound(config.sipOutbound()));
  }

  static OutboundConfig outbound(ServerConfig.SipOutbound o) {
    return new OutboundConfig(
        o.proxy().orElse(null),
        o.fromUser(),
        o.displayName().orElse(null),
        o.authUser().orElse(null),
        o.authPassword().orElse(null),
        o.ringTimeout());
  }

  /**
   * {@code sip.port} 0 means any free port: one free for both UDP and TCP at the time of asking.
   */
  private static int port(InetAddress bind, int configured) {
    if (configured != 0) {
      return configured;
    }
    for (int i = 0; i < 20; i++) {
      try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress(bind, 0));
          ServerSocket tcp = new ServerSocket()) {
        tcp.bind(new InetSocketAddress(bind, udp.getLocalPort()));
        return udp.getLocalPort();
      } catch (IOException e) {
        // that port is taken for TCP: try another
      }
    }
    throw new IllegalStateException("sip.port 0: no port free for both UDP and TCP on " + bind);
  }

  /**
   * A wildcard bind address cannot go into Contact or SDP {@code c=} (RFC 4566 §5.7): use this
   * host's first non-loopback IPv4, else loopback.
   */
  static String advertisable(String bindHost) {
    if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::")) {
      return bindHost;
    }
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          if (a instanceof Inet4Address && !a.isLinkLocalAddress()) {
            return a.getHostAddress();
          }
        }
      }
    } catch (SocketException e) {
      // fall through to loopback
    }
    return "127.0.0.1";
  }
}
