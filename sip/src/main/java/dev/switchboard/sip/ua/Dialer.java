package dev.switchboard.sip.ua;

import dev.switchboard.sip.SipConfig;
import dev.switchboard.sip.rtp.PortRange;
import dev.switchboard.sip.rtp.RtpEndpoint;
import dev.switchboard.sip.rtp.RtpStats;
import dev.switchboard.sip.sdp.AudioCodec;
import dev.switchboard.sip.sdp.LocalMedia;
import java.io.IOException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Places {@link OutboundLeg}s and keeps them by SIP Call-ID, so that {@link SipUserAgent} can route
 * their responses and the far end's in-dialog requests (RFC 3261 §12.2.2) to them. Thread-safe.
 */
final class Dialer {

  private final SipUserAgent ua;
  private final Map<String, OutboundLeg> legs = new ConcurrentHashMap<>();

  Dialer(SipUserAgent ua) {
    this.ua = ua;
  }

  /**
   * Places an outbound leg to {@code target}, offering {@code codecs} in that order; the leg
   * reports to {@code events}.
   *
   * @throws IllegalArgumentException the target cannot be dialled (e.g. a number without a trunk)
   * @throws IOException no RTP port is free
   */
  OutboundLeg dial(String id, String target, List<AudioCodec> codecs, OutboundLeg.Events events)
      throws IOException {
    SipConfig config = ua.config();
    OutboundTarget resolved = OutboundTarget.resolve(target, config.outbound());
    if (!config.transports().contains(resolved.transport())) {
      throw new IllegalArgumentException(
          "target '"
              + target
              + "' needs "
              + resolved.transport()
              + ", which sip.transports does not enable");
    }
    PortRange.Pair ports = config.media().ports().bind(ua.mediaBindAddress());
    RtpEndpoint endpoint = new RtpEndpoint(id, ports, new RtpStats(), ua.clock()::nanoTime);
    LocalMedia local =
        new LocalMedia(
            config.media().advertisedAddress(),
            ports.rtpPort(),
            ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE / 2),
            1);
    OutboundRequests requests = new OutboundRequests(ua, resolved);
    OutboundLeg leg =
        new OutboundLeg(ua, id, requests, endpoint, new SdpState(codecs, local), events);
    legs.put(requests.sipCallId(), leg);
    ua.stats().outboundAttempts.increment();
    leg.send();
    return leg;
  }

  OutboundLeg get(String sipCallId) {
    return legs.get(sipCallId);
  }

  Collection<OutboundLeg> all() {
    return List.copyOf(legs.values());
  }

  void remove(OutboundLeg leg) {
    legs.remove(leg.sipCallId(), leg);
  }

  int size() {
    return legs.size();
  }
}
