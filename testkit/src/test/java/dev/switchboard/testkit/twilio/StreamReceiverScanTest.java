package dev.switchboard.testkit.twilio;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class StreamReceiverScanTest {

  private static final byte[] MULAW = {(byte) 0xff, 0x7f, 0x00, 0x15, (byte) 0x80, 0x42};

  @Test
  void mediaPayloadIsFoundWhereverTheNodePutsIt() {
    String b64 = Base64.getEncoder().encodeToString(MULAW);
    String node =
        "{\"event\":\"media\",\"streamSid\":\"MZ1\",\"media\":{\"payload\":\"" + b64 + "\"}}";
    String other =
        "{\"event\":\"media\",\"media\":{\"payload\":\"" + b64 + "\"},\"streamSid\":\"MZ1\"}";
    assertThat(StreamReceiver.payloadOf(node)).containsExactly(MULAW);
    assertThat(StreamReceiver.payloadOf(other)).containsExactly(MULAW);
  }

  @Test
  void anythingUnusualIsLeftToTheFullParser() {
    assertThat(StreamReceiver.payloadOf("{\"event\":\"media\",\"media\":{}}")).isNull();
    assertThat(
            StreamReceiver.payloadOf("{\"event\":\"media\",\"media\":{\"payload\":\"AA\\u0041\"}}"))
        .isNull();
    assertThat(StreamReceiver.payloadOf("{\"event\":\"media\",\"media\":{\"payload\":\"AAAA\"}"))
        .isNull();
    assertThat(StreamReceiver.payloadOf("{\"event\":\"media\",\"media\":{\"payload\":\"@@@\"}}"))
        .isNull();
  }
}
