package dev.switchboard.local.flow;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One step of an IVR flow. Each step has an id unique in its {@link Flow} and speaks an optional
 * prompt; steps that listen say how many times they re-prompt on no-input or no-match before giving
 * up ({@link Listening}).
 */
public sealed interface Step {

  String id();

  /** What the engine says on entering the step ({@code ""} for nothing). */
  String say();

  /** Whether caller speech or a key press may interrupt this step's prompt. */
  boolean bargeIn();

  /** How a listening step re-prompts: shared by menus and digit collection. */
  record Listening(
      Duration noInputTimeout,
      int maxRetries,
      String noInputSay,
      String noMatchSay,
      String onFail) {
    public Listening {
      Objects.requireNonNull(noInputTimeout, "noInputTimeout");
      if (noInputTimeout.isNegative() || noInputTimeout.isZero()) {
        throw new IllegalArgumentException("noInputTimeout must be positive: " + noInputTimeout);
      }
      if (maxRetries < 0 || maxRetries > 10) {
        throw new IllegalArgumentException("maxRetries must be 0..10, was " + maxRetries);
      }
    }
  }

  /** Speaks and moves on. */
  record Prompt(String id, String say, boolean bargeIn, String next) implements Step {}

  /**
   * Offers choices by voice or key; each {@link Choice} names the step it leads to.
   *
   * @param listening re-prompt policy; after the last retry the flow goes to {@code onFail}
   */
  record Menu(String id, String say, boolean bargeIn, List<Choice> choices, Listening listening)
      implements Step {
    public Menu {
      choices = List.copyOf(choices);
    }
  }

  /**
   * Collects digits, typed (DTMF) or spoken ("one two three"), into the flow variable {@code
   * variable}.
   *
   * @param minDigits fewest digits accepted
   * @param maxDigits collection ends as soon as this many arrived
   * @param terminator key that ends collection early (usually {@code #}), or {@code null}
   * @param interDigitTimeout silence between key presses that ends collection
   */
  record CollectDigits(
      String id,
      String say,
      boolean bargeIn,
      String variable,
      int minDigits,
      int maxDigits,
      Character terminator,
      Duration interDigitTimeout,
      Listening listening,
      String next)
      implements Step {}

  /**
   * Reads a collected variable back, e.g. {@code "You entered {pin}."}; digits are spoken one by
   * one.
   */
  record SayBack(String id, String say, boolean bargeIn, String next) implements Step {}

  /**
   * Transfers the call to the named target (resolved against the backend's configured targets).
   *
   * @param unavailableSay what to say, before hanging up, when the target is not configured
   */
  record Transfer(String id, String say, String target, String unavailableSay) implements Step {
    @Override
    public boolean bargeIn() {
      return false;
    }
  }

  /**
   * Records a voicemail after the prompt and a beep, until the caller stops talking, presses {@code
   * #} or {@code maxLength} passes.
   */
  record Voicemail(String id, String say, String mailbox, Duration maxLength, String next)
      implements Step {
    @Override
    public boolean bargeIn() {
      return false;
    }
  }

  /** Says goodbye and hangs up. */
  record HangUp(String id, String say) implements Step {
    @Override
    public boolean bargeIn() {
      return false;
    }
  }

  /** Hands the call over to another backend's flow (e.g. an assistant on OpenAI). */
  record Handover(String id, String say, String flow) implements Step {
    @Override
    public boolean bargeIn() {
      return false;
    }
  }
}
