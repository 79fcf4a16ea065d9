package dev.switchboard.local.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowParserTest {

  @Test
  void exampleFlowParsesIntoTypedSteps() {
    Flow flow = ExampleFlow.flow();
    assertThat(flow.start()).isEqualTo("greeting");
    assertThat(flow.step("menu")).isInstanceOf(Step.Menu.class);
    Step.Menu menu = (Step.Menu) flow.step("menu");
    assertThat(menu.choices()).extracting(Choice::digit).containsExactly('1', '2', '3');
    assertThat(menu.listening().maxRetries()).isEqualTo(2);
    assertThat(menu.listening().onFail()).isEqualTo("goodbye");
    assertThat(flow.step("to_support"))
        .isEqualTo(
            new Step.Transfer(
                "to_support",
                "Connecting you to support.",
                "support",
                "Sorry, support cannot take your call right now. Please try again later. Goodbye."));
  }

  @Test
  void collectStepReadsLengthsTerminatorAndNumbersGivenAsText() {
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
                        "variable",
                        "pin",
                        "minDigits",
                        "4",
                        "maxDigits",
                        6,
                        "terminator",
                        "#",
                        "next",
                        "bye",
                        "onFail",
                        "bye"),
                    Map.of("id", "bye", "type", "hangup"))));
    Step.CollectDigits pin = (Step.CollectDigits) flow.step("pin");
    assertThat(pin.minDigits()).isEqualTo(4);
    assertThat(pin.maxDigits()).isEqualTo(6);
    assertThat(pin.terminator()).isEqualTo('#');
    assertThat(flow.start()).isEqualTo("pin");
  }

  @Test
  void errorsNameThePathAndTheOffendingValue() {
    assertThatThrownBy(() -> Flow.fromMap(withStep(Map.of("id", "x", "type", "dance"))))
        .hasMessageContaining("steps[0] (x).type: unknown step type 'dance'");
    assertThatThrownBy(
            () -> Flow.fromMap(withStep(Map.of("id", "x", "type", "hangup", "sey", "hi"))))
        .hasMessageContaining("steps[0] (x): unknown key 'sey'");
    assertThatThrownBy(
            () ->
                Flow.fromMap(
                    withStep(
                        Map.of(
                            "id",
                            "m",
                            "type",
                            "menu",
                            "onFail",
                            "m",
                            "choices",
                            List.of(Map.of("digit", "12", "next", "m"))))))
        .hasMessageContaining("steps[0] (m).choices[0].digit: expected one of 0-9 * #, got '12'");
    assertThatThrownBy(
            () -> Flow.fromMap(withStep(Map.of("id", "p", "type", "prompt", "next", "nowhere"))))
        .hasMessageContaining("step 'p' leads to undefined step 'nowhere'");
    assertThatThrownBy(() -> Flow.fromMap(withStep(Map.of("type", "hangup"))))
        .hasMessageContaining("steps[0] (?).id: required");
    assertThatThrownBy(
            () ->
                Flow.fromMap(
                    withStep(
                        Map.of(
                            "id",
                            "m",
                            "type",
                            "menu",
                            "onFail",
                            "m",
                            "choices",
                            List.of(Map.of("phrases", List.of("press 1"), "next", "m"))))))
        .hasMessageContaining("phrase 'press 1' must be words of letters only");
  }

  private static Map<String, Object> withStep(Map<String, Object> step) {
    Map<String, Object> tree = new HashMap<>();
    tree.put("name", "t");
    tree.put("steps", List.of(step));
    return tree;
  }
}
