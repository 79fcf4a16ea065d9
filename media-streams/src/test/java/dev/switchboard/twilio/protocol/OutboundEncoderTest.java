package dev.switchboard.twilio.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The per-stream byte encoder writes exactly what the general codec writes, and parses back. */
class OutboundEncoderTest {

  @Test
  void mediaAndMarkMatchTheGeneralEncoderByteForByte() throws Exception {
    SplittableRandom rnd = new SplittableRandom(9);
    for (String sid : new String[] {"MZ0123456789abcdef", "MZ\"quoted\\", "MZ\u00e9\n"}) {
      OutboundEncoder e = new OutboundEncoder(sid);
      for (int len : new int[] {1, 2, 3, 160, 161, 320}) {
        byte[] mulaw = new byte[len];
        rnd.nextBytes(mulaw);
        String general =
            StreamCodec.encode(
                new StreamMessage.PlayMedia(sid, EncodedFrame.of(AudioFormat.PCMU_8K, mulaw)));
        assertThat(new String(e.media(mulaw), StandardCharsets.UTF_8)).isEqualTo(general);
      }
      for (String name : new String[] {"item_1#0@480", "na\"me", "ünï"}) {
        String general = StreamCodec.encode(new StreamMessage.Mark(0, sid, name));
        assertThat(new String(e.mark(name), StandardCharsets.UTF_8)).isEqualTo(general);
        assertThat(StreamCodec.parse(general))
            .isInstanceOfSatisfying(
                StreamMessage.Mark.class, m -> assertThat(m.name()).isEqualTo(name));
      }
    }
  }
}
