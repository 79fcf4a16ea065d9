package dev.switchboard.twilio.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The streaming {@code media} reader agrees with the general path and hands it the odd cases. */
class MediaHotPathTest {

  private static String b64(int len) {
    byte[] b = new byte[len];
    new SplittableRandom(len).nextBytes(b);
    return Base64.getEncoder().encodeToString(b);
  }

  @Test
  void agreesWithTheGeneralPath() throws Exception {
    String p = b64(160);
    String[] messages = {
      "{\"event\":\"media\",\"sequenceNumber\":\"4\",\"media\":{\"track\":\"inbound\",\"chunk\":\"2\","
          + "\"timestamp\":\"5\",\"payload\":\""
          + p
          + "\"},\"streamSid\":\"MZ1\"}",
      // numbers as numbers, other member order, unknown members, no track or timestamp
      "{\"event\":\"media\",\"streamSid\":\"MZ2\",\"extra\":[1,{\"a\":2}],\"media\":{\"payload\":\""
          + p
          + "\",\"chunk\":7,\"x\":{}},\"sequenceNumber\":9}",
      "{\"event\":\"media\",\"sequenceNumber\":null,\"media\":{\"timestamp\":null,\"payload\":\""
          + b64(1)
          + "\"}}",
    };
    for (String m : messages) {
      StreamMessage.Media fast = MediaHotPath.parse(m);
      StreamMessage general = StreamCodec.parse(" " + m); // the leading space skips the fast path
      assertThat(fast).as(m).isNotNull();
      assertThat(general).isInstanceOf(StreamMessage.Media.class);
      StreamMessage.Media g = (StreamMessage.Media) general;
      assertThat(fast.sequenceNumber()).isEqualTo(g.sequenceNumber());
      assertThat(fast.streamSid()).isEqualTo(g.streamSid());
      assertThat(fast.track()).isEqualTo(g.track());
      assertThat(fast.chunk()).isEqualTo(g.chunk());
      assertThat(fast.timestampMillis()).isEqualTo(g.timestampMillis());
      assertThat(fast.audio().payload()).isEqualTo(g.audio().payload());
      assertThat(StreamCodec.parse(m)).usingRecursiveComparison().isEqualTo(g);
    }
  }

  @Test
  void oddMessagesKeepTheGeneralPathsErrors() {
    String head = "{\"event\":\"media\",\"sequenceNumber\":";
    String[][] cases = {
      {head + "\"x1\",\"media\":{\"payload\":\"AQID\"}}", "BAD_NUMBER"},
      {head + "1,\"media\":{\"payload\":\"%%%\"}}", "BAD_BASE64"},
      {head + "1,\"media\":{\"payload\":\"\"}}", "WRONG_LENGTH"},
      {head + "1,\"media\":{\"payload\":\"" + b64(1700) + "\"}}", "OVERSIZED"},
      {head + "1,\"media\":{}}", "MISSING_FIELD"},
      {head + "1,\"media\":{\"payload\":\"AQID\"}", "MALFORMED_JSON"},
    };
    for (String[] c : cases) {
      assertThat(MediaHotPath.parse(c[0])).as(c[0]).isNull();
      assertThatThrownBy(() -> StreamCodec.parse(c[0]))
          .as(c[0])
          .isInstanceOfSatisfying(
              ProtocolException.class, e -> assertThat(e.problem().name()).isEqualTo(c[1]));
    }
  }
}
