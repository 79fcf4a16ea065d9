package dev.switchboard.local.flow;

import java.time.Duration;
import java.util.List;

/** What the {@link FlowEngine} asks its session to do, in order. */
public sealed interface Action {

  /** Speak {@code text} as one agent response; {@code bargeIn} lets the caller interrupt it. */
  record Say(String text, boolean bargeIn) implements Action {}

  /**
   * After the preceding prompt has played, listen for one of {@code phrases} (a menu) or for digits
   * ({@code maxDigits > 0}); report silence after {@code noInputTimeout}.
   */
  record Listen(
      String stepId, List<String> phrases, int minDigits, int maxDigits, Duration noInputTimeout)
      implements Action {
    public Listen {
      phrases = List.copyOf(phrases);
    }

    public boolean digits() {
      return maxDigits > 0;
    }
  }

  /** Call a tool the way a model would (built-in {@code transfer}, {@code hang_up}...). */
  record CallTool(String name, String argumentsJson) implements Action {}

  /** Play a beep, then record the caller until silence, {@code #} or {@code maxLength}. */
  record RecordVoicemail(String mailbox, Duration maxLength) implements Action {}
}
