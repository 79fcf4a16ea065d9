package dev.switchboard.local.flow;

import java.util.List;
import java.util.Map;

/**
 * The flow {@code switchboard serve} runs with no configuration: greet, offer sales, support or a
 * message (by voice or keys 1/2/3), confirm, then transfer or record a voicemail. Written as the
 * same tree a YAML file gives, so it also exercises {@link Flow#fromMap}.
 */
public final class ExampleFlow {

  private ExampleFlow() {}

  public static Flow flow() {
    return Flow.fromMap(tree());
  }

  public static Map<String, Object> tree() {
    return Map.of(
        "name",
        "example",
        "start",
        "greeting",
        "defaults",
        Map.of(
            "noInputTimeoutMs", 5000,
            "maxRetries", 2,
            "noInputSay", "Sorry, I didn't hear anything.",
            "noMatchSay", "Sorry, I didn't catch that.",
            "onFail", "goodbye"),
        "steps",
        List.of(
            Map.of(
                "id", "greeting",
                "type", "prompt",
                "say", "Thank you for calling Switchboard.",
                "next", "menu"),
            Map.of(
                "id",
                "menu",
                "type",
                "menu",
                "say",
                "For sales, say sales or press 1. For support, say support or press 2."
                    + " To leave a message, say leave a message or press 3.",
                "choices",
                List.of(
                    choice(List.of("sales"), "1", "confirm_sales"),
                    choice(List.of("support"), "2", "confirm_support"),
                    choice(List.of("leave a message", "message"), "3", "voicemail"))),
            confirm("confirm_sales", "sales", "to_sales"),
            confirm("confirm_support", "support", "to_support"),
            Map.of(
                "id", "to_sales",
                "type", "transfer",
                "say", "Connecting you to sales.",
                "target", "sales"),
            Map.of(
                "id", "to_support",
                "type", "transfer",
                "say", "Connecting you to support.",
                "target", "support"),
            Map.of(
                "id", "voicemail",
                "type", "voicemail",
                "say", "Please leave your message after the tone. Press hash when done.",
                "mailbox", "general",
                "maxSeconds", 120,
                "next", "thanks"),
            Map.of(
                "id", "thanks",
                "type", "hangup",
                "say", "Thank you, your message has been recorded. Goodbye."),
            Map.of("id", "goodbye", "type", "hangup", "say", "Goodbye.")));
  }

  private static Map<String, Object> choice(List<String> phrases, String digit, String next) {
    return Map.of("phrases", phrases, "digit", digit, "next", next);
  }

  private static Map<String, Object> confirm(String id, String what, String yes) {
    return Map.of(
        "id",
        id,
        "type",
        "menu",
        "say",
        "You asked for " + what + ". Is that right? Say yes or no, or press 1 or 2.",
        "choices",
        List.of(
            choice(List.of("yes", "yes please", "correct"), "1", yes),
            choice(List.of("no", "no thanks"), "2", "menu")));
  }
}
