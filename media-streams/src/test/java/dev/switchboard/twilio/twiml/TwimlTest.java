package dev.switchboard.twilio.twiml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.testkit.twilio.TwimlAnswer;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwimlTest {

  @Test
  void connectStreamCarriesTokenAsParameterNotQuery() {
    String xml =
        Twiml.connectStream(
            "wss://voice.example.com/twilio/media",
            "https://voice.example.com/twilio/after-stream",
            Map.of("token", "a<b&c"));
    TwimlAnswer a = TwimlAnswer.parse(xml);
    assertThat(a.streamUrl()).isEqualTo("wss://voice.example.com/twilio/media");
    assertThat(a.connectAction()).isEqualTo("https://voice.example.com/twilio/after-stream");
    assertThat(a.parameters()).containsEntry("token", "a<b&c");
    assertThat(xml).contains("<Connect").contains("<Stream").doesNotContain("a<b&c");
    assertThatThrownBy(() -> Twiml.connectStream("wss://x/y?token=1", "https://x/a", Map.of()))
        .hasMessageContaining("query string");
  }

  @Test
  void dialNumbersAndSipUris() {
    assertThat(TwimlAnswer.parse(Twiml.dial("+15550001111")).dialTarget())
        .isEqualTo("+15550001111");
    String sip = Twiml.dial("sip:sales@pbx.example.com");
    assertThat(sip).contains("<Sip>sip:sales@pbx.example.com</Sip>");
    assertThat(TwimlAnswer.parse(Twiml.hangUp()).hangsUp()).isTrue();
    TwimlAnswer busy = TwimlAnswer.parse(Twiml.sayAndHangUp("Sorry"));
    assertThat(busy.says()).isTrue();
    assertThat(busy.hangsUp()).isTrue();
  }
}
