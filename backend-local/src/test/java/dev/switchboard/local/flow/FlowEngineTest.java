package dev.switchboard.local.flow;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowEngineTest {

  private final FlowEngine engine = new FlowEngine(ExampleFlow.flow(), java.util.Set.of("sales"));

  @Test
  void startGreetsAndListensForTheMenu() {
    List<Action> actions = engine.start();
    assertThat(actions).hasSize(3);
    assertThat(((Action.Say) actions.get(0)).text()).startsWith("Thank you for calling");
    Action.Listen listen = (Action.Listen) actions.get(2);
    assertThat(listen.phrases()).contains("sales", "support", "leave a message");
    assertThat(listen.digits()).isFalse();
  }

  @Test
  void spokenChoiceConfirmedByKeyTransfersToTheConfiguredTarget() {
    engine.start();
    assertThat(engine.onSpeech("sales please"))
        .first()
        .isEqualTo(
            new Action.Say(
                "You asked for sales. Is that right? Say yes or no, or press 1 or 2.", true));
    List<Action> actions = engine.onDigits("1");
    assertThat(actions).contains(new Action.CallTool("transfer", "{\"target\":\"sales\"}"));
    assertThat(engine.ended()).isTrue();
  }

  @Test
  void noMatchRetriesWithApologyThenGoesToOnFail() {
    engine.start();
    assertThat(((Action.Say) engine.onSpeech("banana").get(0)).text())
        .startsWith("Sorry, I didn't catch that. For sales");
    engine.onNoInput();
    List<Action> last = engine.onDigits("9");
    assertThat(last)
        .containsExactly(
            new Action.Say("Goodbye.", false),
            new Action.CallTool("hang_up", "{\"reason\":\"flow_end\"}"));
  }

  @Test
  void collectDigitsByKeysWithTerminatorAndSaysThemBack() {
    Flow flow =
        Flow.fromMap(
            Map.of(
                "steps",
                List.of(
                    Map.of(
                        "id",
                        "pin",
                        "type",
                        "collect",
                        "say",
                        "Enter your PIN.",
                        "variable",
                        "pin",
                        "minDigits",
                        4,
                        "maxDigits",
                        8,
                        "terminator",
                        "#",
                        "next",
                        "back",
                        "onFail",
                        "bye"),
                    Map.of(
                        "id",
                        "back",
                        "type",
                        "sayback",
                        "say",
                        "You entered {pin}.",
                        "next",
                        "bye"),
                    Map.of("id", "bye", "type", "hangup", "say", "Bye."))));
    FlowEngine e = new FlowEngine(flow, java.util.Set.of());
    Action.Listen listen = (Action.Listen) e.start().get(1);
    assertThat(listen.minDigits()).isEqualTo(4);
    assertThat(e.onDigits("12")).isEmpty();
    assertThat(e.interDigitTimeout()).isNotNull();
    assertThat(((Action.Say) e.onDigits("#").get(0)).text()).startsWith("Sorry"); // too short
    List<Action> done = e.onDigits("4321#");
    assertThat(done.get(0)).isEqualTo(new Action.Say("You entered 4 3 2 1.", true));
    assertThat(e.variables()).containsEntry("pin", "4321");
  }

  @Test
  void spokenNumberFillsACollectStep() {
    Flow flow =
        Flow.fromMap(
            Map.of(
                "steps",
                List.of(
                    Map.of(
                        "id",
                        "n",
                        "type",
                        "collect",
                        "variable",
                        "n",
                        "minDigits",
                        3,
                        "maxDigits",
                        3,
                        "next",
                        "bye",
                        "onFail",
                        "bye"),
                    Map.of("id", "bye", "type", "hangup"))));
    FlowEngine e = new FlowEngine(flow, java.util.Set.of());
    e.start();
    e.onSpeech("two oh nine");
    assertThat(e.variables()).containsEntry("n", "209");
  }

  @Test
  void handoverAndVoicemailSteps() {
    engine.start();
    assertThat(engine.onDigits("3"))
        .contains(new Action.RecordVoicemail("general", java.time.Duration.ofSeconds(120)));
    assertThat(engine.onVoicemailDone())
        .contains(new Action.CallTool("hang_up", "{\"reason\":\"flow_end\"}"));
    Flow flow =
        Flow.fromMap(
            Map.of("steps", List.of(Map.of("id", "h", "type", "handover", "flow", "assistant"))));
    assertThat(new FlowEngine(flow, java.util.Set.of()).start())
        .containsExactly(new Action.CallTool("handover", "{\"flow\":\"assistant\"}"));
  }
}
