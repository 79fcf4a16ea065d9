package dev.switchboard.server.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.bridge.backend.TurnDetection;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FlowParserTest {

  static final String BILLING =
      """
      name: billing
      answers:
        numbers: ["+15551230000"]
        sipUsers: [billing]
      backend: {type: openai, model: gpt-realtime-mini}
      instructions: You help with invoices.
      voice: marin
      greeting: {mode: wait}
      language: en-US
      turnDetection: {type: semantic_vad, eagerness: low}
      bargeIn: {minSpeech: 250ms, ignoreBackchannels: false, backchannelMaxDuration: 400ms, duringGreeting: deny}
      tools:
        - name: lookup_invoice
          description: Find an invoice
          url: https://erp.example.com/hooks/invoice
          timeout: 3s
          authHeaderEnv: ERP_TOKEN
          parameters:
            type: object
            properties: {number: {type: string}}
      transfers:
        human: sip:queue@pbx.example.com
        manager: "+15557654321"
      transferMode: bridge
      dtmf:
        "0": {action: transfer, target: human}
        "1": The caller wants the balance.
        "#": {action: hangup}
      recording: {enabled: true, format: opus, retention: 90d, pci: pause_on_dtmf}
      maxDuration: 20m
      businessHours:
        timezone: America/New_York
        open: {mon: ["09:00-17:00"], tue: ["09:00-12:00", "13:00-17:00"]}
        afterHours: {action: message, message: We are closed.}
      fallback: {action: transfer, target: human}
      """;

  @Test
  void aCompleteFlowParsesIntoTheCallSettings() throws Exception {
    Flow f = FlowParser.parse("billing.yaml", BILLING);
    assertThat(f.name()).isEqualTo("billing");
    assertThat(f.answers().numbers()).containsExactly("+15551230000");
    assertThat(f.backend()).isEqualTo("openai");
    assertThat(f.model()).isEqualTo("gpt-realtime-mini");
    assertThat(f.greeting()).as("mode: wait = caller speaks first").isNull();
    assertThat(f.turnDetection()).isEqualTo(new TurnDetection.SemanticVad("low", true, true));
    assertThat(f.bargeIn().minSpeech()).isEqualTo(Duration.ofMillis(250));
    assertThat(f.bargeIn().ignoreBackchannels()).isFalse();
    assertThat(f.bargeInDuringGreeting()).isFalse();
    assertThat(f.tools())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(3));
              assertThat(t.parametersJsonSchema()).contains("\"number\"");
            });
    assertThat(f.transferMode()).as("SIP transfers dial the target and bridge").isEqualTo("bridge");
    assertThat(f.dtmf().get('0'))
        .isEqualTo(new FlowAction(FlowAction.Kind.TRANSFER, "human", null));
    assertThat(f.dtmf().get('1').kind()).isEqualTo(FlowAction.Kind.TEXT);
    assertThat(f.recording().retention()).isEqualTo(Duration.ofDays(90));
    assertThat(f.maxDuration()).isEqualTo(Duration.ofMinutes(20));
    // Monday 2025-06-02 10:00 New York = 14:00 UTC: open; 18:00 New York: closed; 12:30 Tuesday:
    // lunch.
    assertThat(f.businessHours().isOpen(Instant.parse("2025-06-02T14:00:00Z"))).isTrue();
    assertThat(f.businessHours().isOpen(Instant.parse("2025-06-02T22:00:00Z"))).isFalse();
    assertThat(f.businessHours().isOpen(Instant.parse("2025-06-03T16:30:00Z"))).isFalse();
    assertThat(f.fallback().kind()).isEqualTo(FlowAction.Kind.TRANSFER);
  }

  @Test
  void errorsNameTheFileTheKeyTheValueAndWhatIsAllowed() {
    String bad =
        """
        name: Bad Name
        answers: {numbers: ["555-1234"]}
        backend: {type: gemini}
        bargeIn: {minSpeech: fast}
        turnDetection: {type: server_vad, threshold: 3}
        transfers: {human: "queue@pbx"}
        transferMode: warm
        dtmf: {"0": {action: transfer, target: nobody}, "x": {action: hangup}}
        recording: {format: mp3}
        colour: blue
        """;
    assertThatThrownBy(() -> FlowParser.parse("bad.yaml", bad))
        .isInstanceOfSatisfying(
            InvalidFlowException.class,
            e ->
                assertThat(e.problems())
                    .contains(
                        "bad.yaml: 'name' = 'Bad Name' is invalid: must be lower-case letters, digits, '-' or '_' (at most 64)",
                        "bad.yaml: 'answers.numbers' = '555-1234' is invalid: must be E.164 numbers such as +15551234567 (ITU-T E.164)",
                        "bad.yaml: 'backend.type' = 'gemini' is invalid: must be one of auto, openai, local",
                        "bad.yaml: 'bargeIn.minSpeech' = 'fast' is invalid: must be a duration such as 500ms, 30s, 5m, 1h, 30d",
                        "bad.yaml: 'turnDetection.threshold' = '3' is invalid: must be a number from 0.0 to 1.0",
                        "bad.yaml: 'transfers.human' = 'queue@pbx' is invalid: must be a sip:, sips:, tel: URI or an E.164 number",
                        "bad.yaml: 'dtmf.0.target' = 'nobody' is invalid: must be a name from 'transfers' [human]",
                        "bad.yaml: 'dtmf.x' = 'x' is invalid: must be one DTMF digit: 0-9, *, #, A-D (RFC 4733 §3.2)",
                        "bad.yaml: 'recording.format' = 'mp3' is invalid: must be one of wav, opus",
                        "bad.yaml: 'transferMode' = 'warm' is invalid: must be one of refer, bridge, refer_then_bridge")
                    .anyMatch(p -> p.startsWith("bad.yaml: unknown key 'colour'")));
  }

  @Test
  void unknownNestedKeysAreErrors() {
    assertThatThrownBy(
            () ->
                FlowParser.parse(
                    "x.yaml", "answers: {default: true}\nbargeIn: {minSpeach: 100ms}\n"))
        .hasMessageContaining("x.yaml: unknown key 'bargeIn.minSpeach'");
  }

  @Test
  void aFlowMustAnswerSomething() {
    assertThatThrownBy(() -> FlowParser.parse("x.yaml", "instructions: hi\n"))
        .hasMessageContaining("'answers' must list numbers or sipUsers, or set default: true");
  }

  @Test
  void theBundledExampleFlowIsValid() {
    Flow f = FlowRepository.bundled().all().get("example");
    assertThat(f.answers().catchAll()).isTrue();
    assertThat(f.backend()).isEqualTo("auto");
  }
}
