package dev.switchboard.local.flow;

import java.util.ArrayList;
import java.util.List;

/** The step ids a step can lead to, for validating a flow's graph. */
final class FlowReferences {

  private FlowReferences() {}

  static List<String> of(Step step) {
    List<String> out = new ArrayList<>();
    switch (step) {
      case Step.Prompt p -> out.add(p.next());
      case Step.Menu m -> {
        m.choices().forEach(c -> out.add(c.next()));
        out.add(m.listening().onFail());
      }
      case Step.CollectDigits c -> {
        out.add(c.next());
        out.add(c.listening().onFail());
      }
      case Step.SayBack s -> out.add(s.next());
      case Step.Voicemail v -> out.add(v.next());
      case Step.Transfer t -> {}
      case Step.HangUp h -> {}
      case Step.Handover h -> {}
    }
    return out;
  }
}
