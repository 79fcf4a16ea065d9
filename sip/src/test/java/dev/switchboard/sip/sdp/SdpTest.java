package dev.switchboard.sip.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpTest {

  static final List<AudioCodec> OURS = List.of(AudioCodec.PCMU, AudioCodec.PCMA, AudioCodec.OPUS);
  static final LocalMedia LOCAL = new LocalMedia("192.0.2.10", 30000, 77, 1);

  static String offer(String formats, String... lines) {
    return "v=0\r\no=- 1 2 IN IP4 198.51.100.7\r\ns=-\r\nc=IN IP4 198.51.100.7\r\nt=0 0\r\n"
        + "m=audio 40000 RTP/AVP "
        + formats
        + "\r\n"
        + String.join("\r\n", lines)
        + "\r\n";
  }

  @Test
  void parsesAndReencodesLosslessly() throws Exception {
    SessionDescription sdp =
        Sdp.parse(offer("0 8 101", "a=rtpmap:101 telephone-event/8000", "a=ptime:20"));
    assertThat(Sdp.parse(Sdp.encode(sdp))).isEqualTo(sdp);
    MediaDescription audio = sdp.audio().orElseThrow();
    assertThat(audio.port()).isEqualTo(40000);
    assertThat(audio.rtpMap(0).orElseThrow().encodingName()).isEqualTo("pcmu");
    assertThat(audio.rtpMap(101).orElseThrow().clockRateHz()).isEqualTo(8000);
    assertThat(audio.ptimeMillis()).contains(20);
  }

  @Test
  void acceptsBareLineFeeds() throws Exception {
    SessionDescription sdp = Sdp.parse(offer("0").replace("\r\n", "\n"));
    assertThat(sdp.connectionAddress()).isEqualTo("198.51.100.7");
  }

  @Test
  void malformedSdpIs400WithTheReason() {
    assertThatThrownBy(() -> Sdp.parse("hello"))
        .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.sipStatus()).isEqualTo(400))
        .hasMessageContaining("v=0");
    assertThatThrownBy(() -> Sdp.parse("v=0\r\no=- 1 2 IN IP4 1.2.3.4\r\nm=audio x RTP/AVP 0\r\n"))
        .hasMessageContaining("m= port");
    assertThatThrownBy(() -> Sdp.parse("v=0\r\ns=-\r\n")).hasMessageContaining("o=");
  }

  @Test
  void answerFollowsTheOfferersOrderAndMatchesTelephoneEventRate() throws Exception {
    OfferAnswer.Answer a =
        OfferAnswer.answer(
            Sdp.parse(offer("8 0 101", "a=rtpmap:101 telephone-event/8000", "a=rtcp-mux")),
            OURS,
            LOCAL,
            Direction.SENDRECV);
    assertThat(a.media().codec()).isEqualTo(AudioCodec.PCMA);
    assertThat(a.media().telephoneEventPayloadType()).isEqualTo(101);
    assertThat(a.media().rtcpMux()).isTrue();
    assertThat(a.media().remoteRtp().getPort()).isEqualTo(40000);
    String text = Sdp.encode(a.sdp());
    assertThat(text)
        .contains(
            "m=audio 30000 RTP/AVP 8 101\r\n",
            "a=rtpmap:8 PCMA/8000",
            "a=rtcp-mux",
            "a=sendrecv",
            "c=IN IP4 192.0.2.10",
            "a=ptime:20");
  }

  @Test
  void opusIsAnsweredWith48kTelephoneEventAndFec() throws Exception {
    OfferAnswer.Answer a =
        OfferAnswer.answer(
            Sdp.parse(
                offer(
                    "111 101 102",
                    "a=rtpmap:111 opus/48000/2",
                    "a=fmtp:111 minptime=10;useinbandfec=1",
                    "a=rtpmap:101 telephone-event/8000",
                    "a=rtpmap:102 telephone-event/48000")),
            OURS,
            LOCAL,
            Direction.SENDRECV);
    assertThat(a.media().codec()).isEqualTo(AudioCodec.OPUS);
    assertThat(a.media().telephoneEventPayloadType()).isEqualTo(102);
    assertThat(a.media().opusInbandFec()).isTrue();
    assertThat(Sdp.encode(a.sdp())).contains("a=rtpmap:111 opus/48000/2", "useinbandfec=1");
  }

  @Test
  void noCommonCodecIs488NamingBothSides() {
    assertThatThrownBy(
            () ->
                OfferAnswer.answer(
                    Sdp.parse(offer("18", "a=rtpmap:18 G729/8000")),
                    OURS,
                    LOCAL,
                    Direction.SENDRECV))
        .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.sipStatus()).isEqualTo(488))
        .hasMessageContaining("g729/8000")
        .hasMessageContaining("PCMU");
  }

  @Test
  void srtpIsRefused() {
    assertThatThrownBy(
            () ->
                OfferAnswer.answer(
                    Sdp.parse(offer("0").replace("RTP/AVP", "RTP/SAVP")),
                    OURS,
                    LOCAL,
                    Direction.SENDRECV))
        .hasMessageContaining("RTP/SAVP");
  }

  @Test
  void holdDirectionsAreMirrored() throws Exception {
    assertThat(answer(offer("0", "a=sendonly")).direction()).isEqualTo(Direction.RECVONLY);
    assertThat(answer(offer("0", "a=inactive")).direction()).isEqualTo(Direction.INACTIVE);
    NegotiatedMedia oldStyle =
        answer(offer("0").replace("c=IN IP4 198.51.100.7", "c=IN IP4 0.0.0.0"));
    assertThat(oldStyle.direction().weSend()).isFalse();
    assertThat(oldStyle.remoteRtp()).isNull();
  }

  @Test
  void otherStreamsAreRejectedWithPortZero() throws Exception {
    String twoStreams = offer("0") + "m=video 40002 RTP/AVP 96\r\na=rtpmap:96 VP8/90000\r\n";
    OfferAnswer.Answer a =
        OfferAnswer.answer(Sdp.parse(twoStreams), OURS, LOCAL, Direction.SENDRECV);
    assertThat(a.sdp().media()).hasSize(2);
    assertThat(a.sdp().media().get(1).port()).isZero();
  }

  @Test
  void rtcpPortFromAttributeOrRtpPlusOne() throws Exception {
    assertThat(answer(offer("0")).remoteRtcp().getPort()).isEqualTo(40001);
    assertThat(answer(offer("0", "a=rtcp:40005 IN IP4 198.51.100.8")).remoteRtcp())
        .hasToString("/198.51.100.8:40005");
  }

  @Test
  void ourOfferListsEveryCodecAndItsAnswerIsAccepted() throws Exception {
    SessionDescription ourOffer = OfferAnswer.offer(OURS, LOCAL);
    assertThat(Sdp.encode(ourOffer)).contains("m=audio 30000 RTP/AVP 0 8 111 101 102");
    NegotiatedMedia m =
        OfferAnswer.acceptAnswer(
            Sdp.parse(offer("8 101", "a=rtpmap:101 telephone-event/8000")), OURS);
    assertThat(m.codec()).isEqualTo(AudioCodec.PCMA);
  }

  private static NegotiatedMedia answer(String offer) throws SdpException {
    return OfferAnswer.answer(Sdp.parse(offer), OURS, LOCAL, Direction.SENDRECV).media();
  }
}
