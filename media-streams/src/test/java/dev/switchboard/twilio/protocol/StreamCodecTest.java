package dev.switchboard.twilio.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.EncodedFrame;
import dev.switchboard.twilio.protocol.ProtocolException.Problem;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamCodecTest {

  static final String SID = "MZ18ad3ab5a668481ce02b83e7395059f0";

  @Test
  void parsesTwilioDocumentedStartWithStringNumbers() throws Exception {
    // Shape from Twilio's "Media Streams - WebSocket Messages" (start message).
    String json =
        """
        {"event":"start","sequenceNumber":"1","start":{"accountSid":"AC123","streamSid":"%s",
         "callSid":"CA456","tracks":["inbound"],"mediaFormat":{"encoding":"audio/x-mulaw",
         "sampleRate":8000,"channels":1},"customParameters":{"token":"abc","callId":"tw-1"}},
         "streamSid":"%s"}
        """
            .formatted(SID, SID);
    StreamMessage.Start s = (StreamMessage.Start) StreamCodec.parse(json);
    assertThat(s.sequenceNumber()).isEqualTo(1);
    assertThat(s.callSid()).isEqualTo("CA456");
    assertThat(s.tracks()).containsExactly("inbound");
    assertThat(s.customParameters()).containsEntry("token", "abc").containsEntry("callId", "tw-1");
    assertThat(s.mediaFormat().isMulaw8kMono()).isTrue();
  }

  @Test
  void mediaNumericFieldsArriveAsStrings() throws Exception {
    byte[] payload = new byte[160];
    Arrays.fill(payload, (byte) 0x7f);
    String json =
        "{\"event\":\"media\",\"sequenceNumber\":\"3\",\"media\":{\"track\":\"inbound\","
            + "\"chunk\":\"2\",\"timestamp\":\"40\",\"payload\":\""
            + Base64.getEncoder().encodeToString(payload)
            + "\"},\"streamSid\":\""
            + SID
            + "\"}";
    StreamMessage.Media m = (StreamMessage.Media) StreamCodec.parse(json);
    assertThat(m.sequenceNumber()).isEqualTo(3);
    assertThat(m.chunk()).isEqualTo(2);
    assertThat(m.timestampMillis()).isEqualTo(40);
    assertThat(m.audio().format()).isEqualTo(AudioFormat.PCMU_8K);
    assertThat(m.audio().payload()).isEqualTo(payload);
  }

  @Test
  void everyMessageRoundTripsThroughEncodeAndParse() throws Exception {
    EncodedFrame audio = EncodedFrame.of(AudioFormat.PCMU_8K, new byte[] {1, 2, 3, (byte) 0xff});
    List<StreamMessage> all =
        List.of(
            new StreamMessage.Connected("Call", "1.0.0"),
            new StreamMessage.Start(
                1,
                SID,
                "AC1",
                "CA1",
                List.of("inbound"),
                Map.of("token", "t\"x"),
                StreamMessage.MediaFormat.MULAW_8K),
            new StreamMessage.Mark(7, SID, "sb.0.0.20000.item_\"odd\\name"),
            new StreamMessage.Dtmf(9, SID, "inbound_track", '#'),
            new StreamMessage.Stop(10, SID, "AC1", "CA1"),
            new StreamMessage.Clear(SID),
            new StreamMessage.Unknown("future_event", SID));
    for (StreamMessage m : all) {
      assertThat(StreamCodec.parse(StreamCodec.encode(m))).isEqualTo(m);
    }
    StreamMessage.Media media =
        (StreamMessage.Media)
            StreamCodec.parse(
                StreamCodec.encode(new StreamMessage.Media(4, SID, "inbound", 3, 60, audio)));
    assertThat(media.audio()).isEqualTo(audio);
    assertThat(media.timestampMillis()).isEqualTo(60);
  }

  @Test
  void outboundMediaIsTheDocumentedShape() {
    String json =
        StreamCodec.encode(
            new StreamMessage.PlayMedia(SID, EncodedFrame.of(AudioFormat.PCMU_8K, new byte[] {0})));
    assertThat(json)
        .isEqualTo(
            "{\"event\":\"media\",\"streamSid\":\"" + SID + "\",\"media\":{\"payload\":\"AA==\"}}");
    assertThat(StreamCodec.encode(new StreamMessage.Clear(SID)))
        .isEqualTo("{\"event\":\"clear\",\"streamSid\":\"" + SID + "\"}");
  }

  @Test
  void problemsAreClassifiedAndNameTheOffender() {
    assertThat(problem("{not json")).isEqualTo(Problem.MALFORMED_JSON);
    assertThat(problem("[1,2]")).isEqualTo(Problem.MALFORMED_JSON);
    assertThat(problem("{\"event\":\"media\",\"media\":{\"payload\":\"@@@@\"}}"))
        .isEqualTo(Problem.BAD_BASE64);
    assertThat(problem("{\"event\":\"media\",\"media\":{\"payload\":\"\"}}"))
        .isEqualTo(Problem.WRONG_LENGTH);
    assertThat(problem("{\"event\":\"media\",\"media\":{}}")).isEqualTo(Problem.MISSING_FIELD);
    String big = Base64.getEncoder().encodeToString(new byte[4000]);
    assertThat(problem("{\"event\":\"media\",\"media\":{\"payload\":\"" + big + "\"}}"))
        .isEqualTo(Problem.OVERSIZED);
    assertThat(problem("x".repeat(StreamCodec.MAX_MESSAGE_CHARS + 1))).isEqualTo(Problem.OVERSIZED);
    ProtocolException e =
        catchThrowableOfType(
            ProtocolException.class,
            () ->
                StreamCodec.parse(
                    "{\"event\":\"media\",\"sequenceNumber\":\"seven\",\"media\":{\"payload\":\"AA==\"}}"));
    assertThat(e.problem()).isEqualTo(Problem.BAD_NUMBER);
    assertThat(e.getMessage()).contains("sequenceNumber").contains("'seven'");
    String wrongFormat =
        "{\"event\":\"start\",\"start\":{\"callSid\":\"CA1\",\"streamSid\":\"MZ1\",\"mediaFormat\":"
            + "{\"encoding\":\"audio/x-l16\",\"sampleRate\":16000,\"channels\":1}}}";
    assertThat(problem(wrongFormat)).isEqualTo(Problem.BAD_MEDIA_FORMAT);
  }

  @Test
  void unknownEventsParseAsUnknown() throws Exception {
    assertThat(StreamCodec.parse("{\"event\":\"sparkle\",\"streamSid\":\"MZ1\"}"))
        .isEqualTo(new StreamMessage.Unknown("sparkle", "MZ1"));
  }

  private static Problem problem(String json) {
    return catchThrowableOfType(ProtocolException.class, () -> StreamCodec.parse(json)).problem();
  }
}
