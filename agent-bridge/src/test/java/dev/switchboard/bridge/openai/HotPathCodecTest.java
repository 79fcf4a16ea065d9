package dev.switchboard.bridge.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The hand-written append encoder and delta decoder agree with the general Jackson path on every
 * shape, and hand anything unusual back to it.
 */
class HotPathCodecTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private final OpenAiCodec codec = new OpenAiCodec(Dialect.GA);

  @Test
  void appendIsByteForByteWhatTheTreeEncoderWrites() {
    SplittableRandom rnd = new SplittableRandom(1);
    for (int len : new int[] {0, 1, 2, 3, 160, 479, 480, 960, 1601}) {
      byte[] audio = new byte[len];
      rnd.nextBytes(audio);
      String tree =
          JSON.createObjectNode()
              .put("type", "input_audio_buffer.append")
              .put("audio", Base64.getEncoder().encodeToString(audio))
              .toString();
      assertThat(codec.encode(new ClientEvent.AppendAudio(audio))).isEqualTo(tree);
    }
  }

  @Test
  void deltaFastPathMatchesTheGeneralPath() {
    byte[] pcm = new byte[960];
    new SplittableRandom(2).nextBytes(pcm);
    String b64 = Base64.getEncoder().encodeToString(pcm);
    for (String type : new String[] {"response.output_audio.delta", "response.audio.delta"}) {
      String[] bodies = {
        "\"event_id\":\"ev_1\",\"response_id\":\"resp_1\",\"item_id\":\"item_1\","
            + "\"output_index\":0,\"content_index\":2,\"delta\":\""
            + b64
            + "\"",
        // other member order, nested values to skip, missing ids
        "\"delta\":\"" + b64 + "\",\"extra\":{\"a\":[1,{\"b\":null}]},\"item_id\":\"item_2\"",
        "\"response_id\":null,\"item_id\":\"i\",\"delta\":\"\"",
      };
      for (String body : bodies) {
        String fast = "{\"type\":\"" + type + "\"," + body + "}";
        assertThat(HotPathCodec.isAudioDelta(fast)).as(fast).isTrue();
        ServerEvent.AudioDelta viaFast = HotPathCodec.audioDelta(fast);
        // A leading space sends the same event down the general path.
        ServerEvent general = codec.parse(" " + fast);
        assertThat(viaFast).as(fast).isNotNull();
        assertThat(general).isInstanceOf(ServerEvent.AudioDelta.class);
        ServerEvent.AudioDelta g = (ServerEvent.AudioDelta) general;
        assertThat(viaFast.responseId()).isEqualTo(g.responseId());
        assertThat(viaFast.itemId()).isEqualTo(g.itemId());
        assertThat(viaFast.contentIndex()).isEqualTo(g.contentIndex());
        assertThat(viaFast.audio()).isEqualTo(g.audio());
        assertThat(codec.parse(fast)).usingRecursiveComparison().isEqualTo(g);
      }
    }
    assertThat(
            HotPathCodec.audioDelta(
                    "{\"type\":\"response.output_audio.delta\",\"delta\":\"" + b64 + "\"}")
                .audio())
        .isEqualTo(pcm);
  }

  @Test
  void unusualDeltasTakeTheGeneralPathAndKeepItsErrorReporting() {
    String[] handedBack = {
      "{\"type\":\"response.output_audio.delta\",\"delta\":\"%%%\"}",
      "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\"",
      "{\"type\":\"response.output_audio.delta\",\"delta\":\"AQID\"} trailing",
      "{\"type\":\"response.output_audio.delta\",\"content_index\":\"1\",\"delta\":\"AQID\"}",
      "{\"type\":\"response.output_audio.delta\",\"delta\":7}",
    };
    for (String text : handedBack) {
      assertThat(HotPathCodec.audioDelta(text)).as(text).isNull();
    }
    long before = codec.malformedCount();
    assertThat(codec.parse(handedBack[0])).isInstanceOf(ServerEvent.Malformed.class);
    assertThat(codec.parse(handedBack[1])).isInstanceOf(ServerEvent.Malformed.class);
    assertThat(codec.malformedCount()).isEqualTo(before + 2);
    // Numeric strings are the general path's business (it reads "1" as 1).
    assertThat(codec.parse(handedBack[3]))
        .isInstanceOfSatisfying(
            ServerEvent.AudioDelta.class, d -> assertThat(d.contentIndex()).isEqualTo(1));
  }
}
