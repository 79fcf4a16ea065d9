package dev.switchboard.sip.sdp;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RFC 3264 offer/answer for one audio stream.
 *
 * <p>As answerer we pick the first codec in the <em>offer's</em> order that we support (RFC 3264
 * §6.1 lets the answerer follow the offerer's preference, which carriers expect), answer only it
 * plus telephone-event at the same clock rate (RFC 4733 §7.1.1), reject every other m= line with
 * port 0 (RFC 3264 §6), and mirror the direction (§6.1).
 */
public final class OfferAnswer {

  /** Default packet duration (RFC 3551 §4.5: 20 ms for G.711). */
  public static final int DEFAULT_PTIME_MILLIS = 20;

  /** Our telephone-event payload types when we are the offerer. */
  static final int TELEPHONE_EVENT_8K_PT = 101;

  static final int TELEPHONE_EVENT_48K_PT = 102;

  private OfferAnswer() {}

  /** An answer and what it settled. */
  public record Answer(SessionDescription sdp, NegotiatedMedia media) {}

  /**
   * Answers {@code offer}.
   *
   * @param ours the codecs we accept, in our preference order (used only as a filter)
   * @throws SdpException 488 with a reason when there is no usable audio stream or codec
   */
  public static Answer answer(
      SessionDescription offer, List<AudioCodec> ours, LocalMedia local, Direction ourWish)
      throws SdpException {
    MediaDescription audio =
        offer.audio().orElseThrow(() -> SdpException.notAcceptable("offer has no m=audio line"));
    if (audio.port() == 0) {
      throw SdpException.notAcceptable("offer's audio stream is disabled (port 0)");
    }
    if (!audio.protocol().equals("RTP/AVP") && !audio.protocol().equals("RTP/AVPF")) {
      throw SdpException.notAcceptable(
          "unsupported media protocol '" + audio.protocol() + "' (we offer RTP/AVP, no SRTP)");
    }
    AudioCodec chosen = null;
    int chosenPt = -1;
    for (String format : audio.formats()) {
      int pt = payloadType(format);
      Optional<RtpMap> map = pt < 0 ? Optional.empty() : audio.rtpMap(pt);
      if (map.isEmpty()) {
        continue;
      }
      for (AudioCodec c : ours) {
        if (c.matches(map.get())) {
          chosen = c;
          chosenPt = pt;
          break;
        }
      }
      if (chosen != null) {
        break;
      }
    }
    if (chosen == null) {
      throw SdpException.notAcceptable(
          "no common codec: offer has " + describe(audio) + ", we accept " + ours);
    }
    int telephoneEventPt = telephoneEvent(audio, chosen.clockRateHz());
    int ptime = ptime(audio);
    Direction offered =
        audio.explicitDirection().orElse(offer.sessionDirection().orElse(Direction.SENDRECV));
    String address = offer.connectionFor(audio);
    Direction answerDirection = combine(offered.answer(), ourWish);
    boolean holdAddress = address == null || address.equals("0.0.0.0");
    if (holdAddress) {
      // RFC 3264 §8.4: the old hold style, c=0.0.0.0; treat as the peer not receiving.
      answerDirection = combine(answerDirection, Direction.RECVONLY);
    }
    boolean mux = audio.hasAttribute("rtcp-mux");
    InetSocketAddress rtp = holdAddress ? null : new InetSocketAddress(address, audio.port());
    InetSocketAddress rtcp = holdAddress ? null : rtcpAddress(audio, address, mux);
    boolean fec = chosen == AudioCodec.OPUS && audio.fmtp(chosenPt).contains("useinbandfec=1");
    NegotiatedMedia media =
        new NegotiatedMedia(
            chosen, chosenPt, telephoneEventPt, ptime, rtp, rtcp, mux, answerDirection, fec);

    List<MediaDescription> answerMedia = new ArrayList<>();
    for (MediaDescription m : offer.media()) {
      if (m == audio) {
        answerMedia.add(describeOurs(local, chosen, chosenPt, telephoneEventPt, mux, media));
      } else {
        answerMedia.add(
            new MediaDescription(
                m.media(), 0, m.protocol(), m.formats().subList(0, 1), null, List.of()));
      }
    }
    return new Answer(session(local, answerMedia), media);
  }

  /** Our offer (for a delayed-offer INVITE, RFC 3261 §13.2.1): every codec we accept. */
  public static SessionDescription offer(List<AudioCodec> ours, LocalMedia local) {
    List<String> formats = new ArrayList<>();
    List<Attribute> attributes = new ArrayList<>();
    boolean any8k = false;
    boolean any48k = false;
    for (AudioCodec c : ours) {
      formats.add(Integer.toString(c.defaultPayloadType()));
      attributes.add(new Attribute("rtpmap", c.defaultPayloadType() + " " + c.rtpMap(0).encode()));
      if (c == AudioCodec.OPUS) {
        attributes.add(new Attribute("fmtp", c.defaultPayloadType() + " useinbandfec=1"));
        any48k = true;
      } else {
        any8k = true;
      }
    }
    if (any8k) {
      formats.add(Integer.toString(TELEPHONE_EVENT_8K_PT));
      attributes.add(new Attribute("rtpmap", TELEPHONE_EVENT_8K_PT + " telephone-event/8000"));
      attributes.add(new Attribute("fmtp", TELEPHONE_EVENT_8K_PT + " 0-16"));
    }
    if (any48k) {
      formats.add(Integer.toString(TELEPHONE_EVENT_48K_PT));
      attributes.add(new Attribute("rtpmap", TELEPHONE_EVENT_48K_PT + " telephone-event/48000"));
      attributes.add(new Attribute("fmtp", TELEPHONE_EVENT_48K_PT + " 0-16"));
    }
    attributes.add(new Attribute("ptime", Integer.toString(DEFAULT_PTIME_MILLIS)));
    attributes.add(Attribute.property("rtcp-mux"));
    attributes.add(Attribute.property("sendrecv"));
    MediaDescription m =
        new MediaDescription("audio", local.rtpPort(), "RTP/AVP", formats, null, attributes);
    return session(local, List.of(m));
  }

  /**
   * Reads the peer's answer to our {@link #offer}: the answer's first codec among ours wins (RFC
   * 3264 §7).
   */
  public static NegotiatedMedia acceptAnswer(SessionDescription answer, List<AudioCodec> ours)
      throws SdpException {
    // The answer has the same shape as an offer for these purposes; reuse the selection and
    // ignore the SDP we would have written.
    LocalMedia scratch = new LocalMedia("0.0.0.0", 9, 0, 0);
    return answer(answer, ours, scratch, Direction.SENDRECV).media();
  }

  private static Direction combine(Direction a, Direction b) {
    boolean send = a.weSend() && b.weSend();
    boolean receive = a.weReceive() && b.weReceive();
    if (send && receive) {
      return Direction.SENDRECV;
    }
    if (send) {
      return Direction.SENDONLY;
    }
    return receive ? Direction.RECVONLY : Direction.INACTIVE;
  }

  private static MediaDescription describeOurs(
      LocalMedia local,
      AudioCodec codec,
      int pt,
      int telephoneEventPt,
      boolean mux,
      NegotiatedMedia media) {
    List<String> formats = new ArrayList<>();
    List<Attribute> attributes = new ArrayList<>();
    formats.add(Integer.toString(pt));
    attributes.add(new Attribute("rtpmap", pt + " " + codec.rtpMap(pt).encode()));
    if (codec == AudioCodec.OPUS) {
      attributes.add(new Attribute("fmtp", pt + " useinbandfec=1"));
    }
    if (telephoneEventPt >= 0) {
      formats.add(Integer.toString(telephoneEventPt));
      attributes.add(
          new Attribute("rtpmap", telephoneEventPt + " telephone-event/" + codec.clockRateHz()));
      attributes.add(new Attribute("fmtp", telephoneEventPt + " 0-16"));
    }
    attributes.add(new Attribute("ptime", Integer.toString(media.ptimeMillis())));
    if (mux) {
      attributes.add(Attribute.property("rtcp-mux"));
    }
    attributes.add(Attribute.property(media.direction().attribute()));
    return new MediaDescription("audio", local.rtpPort(), "RTP/AVP", formats, null, attributes);
  }

  private static SessionDescription session(LocalMedia local, List<MediaDescription> media) {
    return new SessionDescription(
        "switchboard",
        local.sessionId(),
        local.sessionVersion(),
        local.address(),
        "switchboard",
        local.address(),
        List.of(),
        media);
  }

  private static int telephoneEvent(MediaDescription audio, int clockRateHz) {
    for (String format : audio.formats()) {
      int pt = payloadType(format);
      if (pt >= 0) {
        Optional<RtpMap> map = audio.rtpMap(pt);
        if (map.isPresent()
            && map.get().encodingName().equals("telephone-event")
            && map.get().clockRateHz() == clockRateHz) {
          return pt;
        }
      }
    }
    return -1;
  }

  private static int ptime(MediaDescription audio) {
    // We packetise on a 20 ms grid; a peer limiting packets below that (maxptime < 20) cannot be
    // served and is rare enough on telephony trunks to refuse loudly later if it appears.
    int maxPtime = audio.maxPtimeMillis().orElse(Integer.MAX_VALUE);
    return Math.min(DEFAULT_PTIME_MILLIS, Math.max(maxPtime, 10));
  }

  private static InetSocketAddress rtcpAddress(
      MediaDescription audio, String address, boolean mux) {
    if (mux) {
      return new InetSocketAddress(address, audio.port());
    }
    // RFC 3605: a=rtcp:PORT [IN IP4 ADDR]; otherwise RTP port + 1 (RFC 3550 §11).
    Optional<String> rtcp = audio.attribute("rtcp");
    if (rtcp.isPresent()) {
      String[] f = rtcp.get().trim().split(" +");
      try {
        int port = Integer.parseInt(f[0]);
        String host = f.length >= 4 ? f[3] : address;
        return new InetSocketAddress(host, port);
      } catch (NumberFormatException e) {
        // fall through to the RFC 3550 default
      }
    }
    return new InetSocketAddress(address, audio.port() + 1);
  }

  private static int payloadType(String format) {
    try {
      int pt = Integer.parseInt(format);
      return pt >= 0 && pt <= 127 ? pt : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String describe(MediaDescription audio) {
    List<String> names = new ArrayList<>();
    for (String format : audio.formats()) {
      int pt = payloadType(format);
      names.add(
          pt < 0
              ? format
              : audio.rtpMap(pt).map(m -> pt + " " + m.encode()).orElse(Integer.toString(pt)));
    }
    return names.toString();
  }
}
