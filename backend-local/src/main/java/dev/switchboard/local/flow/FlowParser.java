package dev.switchboard.local.flow;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a flow from the tree a YAML loader produces (maps, lists, strings, numbers, booleans):
 *
 * <pre>
 * name: example
 * start: greeting
 * defaults: {noInputTimeoutMs: 5000, maxRetries: 2, noInputSay: "...", noMatchSay: "...",
 *            onFail: goodbye}
 * steps:
 *   - {id: greeting, type: prompt, say: "Welcome.", next: menu}
 *   - id: menu
 *     type: menu
 *     say: "For sales, say sales or press 1."
 *     choices: [{phrases: [sales], digit: "1", next: sales}]
 *   - {id: pin, type: collect, variable: pin, minDigits: 4, maxDigits: 4, terminator: "#",
 *      next: readback}
 *   - {id: readback, type: sayback, say: "You entered {pin}.", next: bye}
 *   - {id: sales, type: transfer, target: sales}
 *   - {id: vm, type: voicemail, mailbox: general, maxSeconds: 60, next: bye}
 *   - {id: agent, type: handover, flow: assistant}
 *   - {id: bye, type: hangup, say: "Goodbye."}
 * </pre>
 *
 * Unknown keys are errors (a typo must not silently fall back to a default). Messages name the
 * path, e.g. {@code steps[1] (menu).choices[0].digit}.
 */
final class FlowParser {

  private static final Set<String> TOP = Set.of("name", "start", "defaults", "steps");
  private static final Set<String> LISTEN =
      Set.of("noInputTimeoutMs", "maxRetries", "noInputSay", "noMatchSay", "onFail");

  private Tree defaults;

  Flow parse(Map<String, Object> map) {
    Tree root = new Tree("flow", map, TOP);
    String name = root.string("name", "flow");
    defaults =
        root.has("defaults")
            ? root.child("defaults", LISTEN)
            : new Tree("defaults", Map.of(), LISTEN);
    Map<String, Step> steps = new LinkedHashMap<>();
    List<Tree> list = root.list("steps");
    if (list.isEmpty()) {
      throw new IllegalArgumentException("flow.steps: a flow needs at least one step");
    }
    for (Tree t : list) {
      Step step = step(t);
      if (steps.putIfAbsent(step.id(), step) != null) {
        throw new IllegalArgumentException(t.path + ".id: duplicate step id '" + step.id() + "'");
      }
    }
    String start = root.string("start", list.get(0).string("id", null));
    return new Flow(name, start, steps);
  }

  private Step step(Tree t) {
    String type = t.string("type", null);
    t.renamePath(t.path + " (" + t.string("id", "?") + ")");
    return switch (type) {
      case "prompt" -> {
        t.allow("id", "type", "say", "bargeIn", "next");
        yield new Step.Prompt(
            id(t), t.string("say", ""), t.bool("bargeIn", true), t.string("next", null));
      }
      case "menu" -> {
        t.allow(with(LISTEN, "id", "type", "say", "bargeIn", "choices"));
        List<Choice> choices = new ArrayList<>();
        for (Tree c : t.list("choices")) {
          c.allow("phrases", "digit", "next");
          try {
            choices.add(new Choice(c.strings("phrases"), c.key("digit"), c.string("next", null)));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(c.path + ": " + e.getMessage(), e);
          }
        }
        yield new Step.Menu(
            id(t), t.string("say", ""), t.bool("bargeIn", true), choices, listening(t));
      }
      case "collect" -> {
        t.allow(
            with(
                LISTEN,
                "id",
                "type",
                "say",
                "bargeIn",
                "variable",
                "minDigits",
                "maxDigits",
                "terminator",
                "interDigitTimeoutMs",
                "next"));
        int min = t.integer("minDigits", 1);
        int max = t.integer("maxDigits", Math.max(min, 16));
        if (min < 1 || max < min || max > 32) {
          throw new IllegalArgumentException(
              t.path + ": need 1 <= minDigits <= maxDigits <= 32, got " + min + ".." + max);
        }
        yield new Step.CollectDigits(
            id(t),
            t.string("say", ""),
            t.bool("bargeIn", true),
            t.string("variable", null),
            min,
            max,
            t.key("terminator"),
            Duration.ofMillis(t.integer("interDigitTimeoutMs", 3000)),
            listening(t),
            t.string("next", null));
      }
      case "sayback" -> {
        t.allow("id", "type", "say", "bargeIn", "next");
        yield new Step.SayBack(
            id(t), t.string("say", null), t.bool("bargeIn", true), t.string("next", null));
      }
      case "transfer" -> {
        t.allow("id", "type", "say", "target", "unavailableSay");
        String target = t.string("target", null);
        yield new Step.Transfer(
            id(t),
            t.string("say", ""),
            target,
            t.string(
                "unavailableSay",
                "Sorry, "
                    + target
                    + " cannot take your call right now. Please try again later. Goodbye."));
      }
      case "voicemail" -> {
        t.allow("id", "type", "say", "mailbox", "maxSeconds", "next");
        int seconds = t.integer("maxSeconds", 60);
        if (seconds < 1 || seconds > 600) {
          throw new IllegalArgumentException(
              t.path + ".maxSeconds: must be 1..600, was " + seconds);
        }
        yield new Step.Voicemail(
            id(t),
            t.string("say", ""),
            t.string("mailbox", "default"),
            Duration.ofSeconds(seconds),
            t.string("next", null));
      }
      case "hangup" -> {
        t.allow("id", "type", "say");
        yield new Step.HangUp(id(t), t.string("say", ""));
      }
      case "handover" -> {
        t.allow("id", "type", "say", "flow");
        yield new Step.Handover(id(t), t.string("say", ""), t.string("flow", null));
      }
      default ->
          throw new IllegalArgumentException(
              t.path
                  + ".type: unknown step type '"
                  + type
                  + "': use prompt, menu, collect, sayback, transfer, voicemail, hangup or handover");
    };
  }

  private static String id(Tree t) {
    String id = t.string("id", null);
    if (!id.matches("[A-Za-z0-9_-]+")) {
      throw new IllegalArgumentException(t.path + ".id: '" + id + "' must be [A-Za-z0-9_-]+");
    }
    return id;
  }

  private Step.Listening listening(Tree t) {
    try {
      return new Step.Listening(
          Duration.ofMillis(
              t.integer("noInputTimeoutMs", defaults.integer("noInputTimeoutMs", 5000))),
          t.integer("maxRetries", defaults.integer("maxRetries", 2)),
          t.string("noInputSay", defaults.string("noInputSay", "Sorry, I didn't hear anything.")),
          t.string("noMatchSay", defaults.string("noMatchSay", "Sorry, I didn't understand.")),
          onFail(t));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(t.path + ": " + e.getMessage(), e);
    }
  }

  private String onFail(Tree t) {
    if (t.has("onFail")) {
      return t.string("onFail", null);
    }
    if (defaults.has("onFail")) {
      return defaults.string("onFail", null);
    }
    throw new IllegalArgumentException("onFail: required (or set defaults.onFail)");
  }

  private static Set<String> with(Set<String> base, String... more) {
    Set<String> all = new java.util.HashSet<>(base);
    all.addAll(List.of(more));
    return all;
  }
}
