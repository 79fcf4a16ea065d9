package dev.switchboard.server.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.local.flow.ExampleFlow;
import org.junit.jupiter.api.Test;

/** The {@code ivr} section: the bundled flow's IVR and validation at load time. */
class IvrStepsTest {

  @Test
  void theBundledFlowsIvrIsTheOfflineBackendsExampleFlow() {
    Flow example = FlowRepository.bundled().all().get("example");
    assertThat(IvrSteps.parse(example.name(), example.ivr())).isEqualTo(ExampleFlow.flow());
    assertThat(example.transfers()).containsOnlyKeys("sales", "support");
    assertThat(example.dtmf()).as("keys go to the IVR, # ends a voicemail").isEmpty();
  }

  @Test
  void aBrokenIvrIsRefusedWhenTheFlowLoadsNamingTheStep() {
    String yaml =
        """
        answers: {default: true}
        backend: {type: local}
        ivr:
          steps:
            - {id: menu, type: menu, say: Hi, onFail: bye, choices: [{phrases: [a], next: nowhere}]}
            - {id: bye, type: hangup}
        """;
    assertThatThrownBy(() -> FlowParser.parse("desk.yaml", yaml))
        .isInstanceOfSatisfying(
            InvalidFlowException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .asString()
                    .startsWith("desk.yaml: ivr: ")
                    .contains("'menu' leads to undefined step 'nowhere'"));
  }

  @Test
  void unquotedYesIsCaughtAsABooleanNotAPhrase() {
    String yaml =
        """
        answers: {default: true}
        ivr:
          steps:
            - {id: ask, type: menu, say: Sure, onFail: ask, choices: [{phrases: [yes], next: ask}]}
        """;
    assertThatThrownBy(() -> FlowParser.parse("desk.yaml", yaml))
        .isInstanceOfSatisfying(
            InvalidFlowException.class,
            e ->
                assertThat(e.problems())
                    .as("%s", e.problems())
                    .anyMatch(p -> p.contains("Boolean") && p.contains("quote them")));
  }
}
