package dev.switchboard.local.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Interprets a {@link Flow} for one call: inputs (recognised speech, key presses, silence, tool
 * results) in, {@link Action}s out. Pure logic with no audio, threads or clocks, so every IVR rule
 * (retries, no-input, no-match, digit collection) is tested in microseconds.
 *
 * <p>Not thread-safe: owned by the session's worker thread.
 */
public final class FlowEngine {

  /** Built-in tool names, identical to the ones the call core gives cloud models. */
  public static final String TRANSFER = "transfer";

  public static final String HANG_UP = "hang_up";
  public static final String HANDOVER = "handover";
  public static final String RECORD_VOICEMAIL = "record_voicemail";

  private final Flow flow;
  private final Set<String> transferTargets;
  private final Map<String, String> variables = new HashMap<>();
  private final StringBuilder digits = new StringBuilder();
  private Step current;
  private int retries;
  private boolean ended;

  /**
   * @param transferTargets target names the call can transfer to (the call core's {@code transfer}
   *     tool resolves a name to a SIP URI or number)
   */
  public FlowEngine(Flow flow, Set<String> transferTargets) {
    this.flow = flow;
    this.transferTargets = Set.copyOf(transferTargets);
  }

  public List<Action> start() {
    return enter(flow.start());
  }

  public Step current() {
    return current;
  }

  public boolean ended() {
    return ended;
  }

  public Map<String, String> variables() {
    return Map.copyOf(variables);
  }

  /** The caller said something; {@code text} is the recogniser's hypothesis ("" if nothing). */
  public List<Action> onSpeech(String text) {
    String said = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (current) {
      case Step.Menu m -> {
        for (Choice c : m.choices()) {
          if (!said.isEmpty() && c.matchesText(said)) {
            yield enter(c.next());
          }
        }
        yield retry(m.listening(), m.listening().noMatchSay());
      }
      case Step.CollectDigits c -> {
        String spoken = SpokenDigits.parse(said);
        if (spoken != null) {
          digits.setLength(0);
          digits.append(spoken);
          yield finishCollect(c);
        }
        yield retry(c.listening(), c.listening().noMatchSay());
      }
      default -> List.of();
    };
  }

  /** One or more keys were pressed (RFC 4733 events or in-band tones, already decoded). */
  public List<Action> onDigits(String keys) {
    List<Action> out = new ArrayList<>();
    for (char k : keys.toCharArray()) {
      if (ended) {
        break;
      }
      out.addAll(onDigit(k));
    }
    return out;
  }

  private List<Action> onDigit(char key) {
    return switch (current) {
      case Step.Menu m -> {
        for (Choice c : m.choices()) {
          if (c.digit() != null && c.digit() == key) {
            yield enter(c.next());
          }
        }
        yield retry(m.listening(), m.listening().noMatchSay());
      }
      case Step.CollectDigits c -> {
        if (c.terminator() != null && c.terminator() == key) {
          yield finishCollect(c);
        }
        if (Character.isDigit(key)) {
          digits.append(key);
        }
        yield digits.length() >= c.maxDigits() ? finishCollect(c) : List.of();
      }
      default -> List.of();
    };
  }

  /**
   * The no-input timer fired: nothing was said or pressed. In digit collection after some keys,
   * this is the inter-digit timeout and ends collection.
   */
  public List<Action> onNoInput() {
    return switch (current) {
      case Step.Menu m -> retry(m.listening(), m.listening().noInputSay());
      case Step.CollectDigits c ->
          digits.isEmpty() ? retry(c.listening(), c.listening().noInputSay()) : finishCollect(c);
      default -> List.of();
    };
  }

  /** How long to wait for the next key once collection has started. */
  public Duration interDigitTimeout() {
    return current instanceof Step.CollectDigits c && !digits.isEmpty()
        ? c.interDigitTimeout()
        : null;
  }

  /** The voicemail recording finished; the flow continues. */
  public List<Action> onVoicemailDone() {
    return current instanceof Step.Voicemail v ? enter(v.next()) : List.of();
  }

  /** The call core answered a tool call; a failed transfer is explained and the call ends. */
  public List<Action> onToolResult(String name, boolean ok) {
    if (TRANSFER.equals(name) && !ok) {
      ended = true;
      return List.of(
          new Action.Say("Sorry, the transfer did not go through. Please call again later.", false),
          new Action.CallTool(HANG_UP, "{\"reason\":\"transfer_failed\"}"));
    }
    return List.of();
  }

  private List<Action> finishCollect(Step.CollectDigits c) {
    if (digits.length() < c.minDigits() || digits.length() > c.maxDigits()) {
      return retry(c.listening(), c.listening().noMatchSay());
    }
    variables.put(c.variable(), digits.toString());
    return enter(c.next());
  }

  private List<Action> retry(Step.Listening listening, String apology) {
    retries++;
    digits.setLength(0); // a re-prompt starts the entry again
    if (retries > listening.maxRetries()) {
      return enter(listening.onFail());
    }
    List<Action> out = new ArrayList<>();
    out.add(new Action.Say((apology + " " + current.say()).trim(), current.bargeIn()));
    out.add(listen());
    return out;
  }

  private List<Action> enter(String stepId) {
    current = flow.step(stepId);
    retries = 0;
    digits.setLength(0);
    List<Action> out = new ArrayList<>();
    switch (current) {
      case Step.Prompt p -> {
        say(out, p.say(), p.bargeIn());
        out.addAll(enter(p.next()));
      }
      case Step.Menu m -> {
        say(out, m.say(), m.bargeIn());
        out.add(listen());
      }
      case Step.CollectDigits c -> {
        say(out, c.say(), c.bargeIn());
        out.add(listen());
      }
      case Step.SayBack s -> {
        say(out, substitute(s.say()), s.bargeIn());
        out.addAll(enter(s.next()));
      }
      case Step.Transfer t -> {
        ended = true;
        if (!transferTargets.contains(t.target())) {
          // No target configured: say so clearly instead of a silent failure or dead air.
          say(out, t.unavailableSay(), false);
          out.add(new Action.CallTool(HANG_UP, json("reason", "no_transfer_target")));
        } else {
          say(out, t.say(), false);
          // Exactly the call a model makes: the target by name, resolved by the call core's tool.
          out.add(new Action.CallTool(TRANSFER, json("target", t.target())));
        }
      }
      case Step.Voicemail v -> {
        say(out, v.say(), false);
        out.add(new Action.RecordVoicemail(v.mailbox(), v.maxLength()));
      }
      case Step.HangUp h -> {
        ended = true;
        say(out, h.say(), false);
        out.add(new Action.CallTool(HANG_UP, json("reason", "flow_end")));
      }
      case Step.Handover h -> {
        ended = true;
        say(out, h.say(), false);
        out.add(new Action.CallTool(HANDOVER, json("flow", h.flow())));
      }
    }
    return out;
  }

  private Action.Listen listen() {
    return switch (current) {
      case Step.Menu m ->
          new Action.Listen(
              m.id(),
              m.choices().stream().flatMap(c -> c.phrases().stream()).toList(),
              0,
              0,
              m.listening().noInputTimeout());
      case Step.CollectDigits c ->
          new Action.Listen(
              c.id(), List.of(), c.minDigits(), c.maxDigits(), c.listening().noInputTimeout());
      default -> throw new IllegalStateException("step " + current.id() + " does not listen");
    };
  }

  private static void say(List<Action> out, String text, boolean bargeIn) {
    if (text != null && !text.isBlank()) {
      out.add(new Action.Say(text, bargeIn));
    }
  }

  /** {@code {var}} becomes the variable's digits, spaced so the synthesiser reads them singly. */
  private String substitute(String template) {
    String out = template;
    for (Map.Entry<String, String> e : variables.entrySet()) {
      out = out.replace("{" + e.getKey() + "}", String.join(" ", e.getValue().split("")));
    }
    return out;
  }

  static String json(String key, String value) {
    return "{\"" + key + "\":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
  }
}
