package dev.switchboard.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sip.sdp.AudioCodec;
import dev.switchboard.sip.sdp.LocalMedia;
import dev.switchboard.sip.sdp.SdpException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Offer/answer across a dialog: a re-INVITE may change the codec, even its PCM rate. */
class SdpStateTest {

  final SdpState state =
      new SdpState(
          List.of(AudioCodec.PCMU, AudioCodec.OPUS), new LocalMedia("127.0.0.1", 20000, 1, 1));

  static String offer(String formats, String... rtpmaps) {
    StringBuilder sdp =
        new StringBuilder(
            "v=0\r\no=peer 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP "
                + formats
                + "\r\n");
    for (String map : rtpmaps) {
      sdp.append("a=rtpmap:").append(map).append("\r\n");
    }
    return sdp.toString();
  }

  @Test
  void reInviteFromPcmuToOpusIsAcceptedAndUnsupportedCodecsStill488() throws Exception {
    state.initial(offer("0", "0 PCMU/8000"));
    assertThat(state.negotiated().codec()).isEqualTo(AudioCodec.PCMU);

    // 8 kHz -> 24 kHz PCM: the media path resamples, the call core keeps its rate (no 488).
    state.reInvite(offer("111", "111 opus/48000/2"));
    assertThat(state.negotiated().codec()).isEqualTo(AudioCodec.OPUS);
    assertThat(state.negotiated().payloadType()).isEqualTo(111);

    state.reInvite(offer("0", "0 PCMU/8000"));
    assertThat(state.negotiated().codec()).isEqualTo(AudioCodec.PCMU);

    assertThatThrownBy(() -> state.reInvite(offer("18", "18 G729/8000")))
        .isInstanceOfSatisfying(SdpException.class, e -> assertThat(e.sipStatus()).isEqualTo(488));
    assertThat(state.negotiated().codec())
        .as("a rejected offer changes nothing")
        .isEqualTo(AudioCodec.PCMU);
  }
}
