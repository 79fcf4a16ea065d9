package dev.switchboard.local.flow;

import java.util.List;
import java.util.Locale;

/**
 * One menu choice: spoken phrases and/or a key, and the step it leads to.
 *
 * @param phrases lower-case phrases the recogniser listens for (words from the en-US dictionary)
 * @param digit the DTMF key for this choice, or {@code null}
 * @param next id of the step to go to
 */
public record Choice(List<String> phrases, Character digit, String next) {

  public Choice {
    phrases = phrases.stream().map(p -> p.trim().toLowerCase(Locale.ROOT)).toList();
    if (phrases.isEmpty() && digit == null) {
      throw new IllegalArgumentException(
          "choice leading to '" + next + "' has no phrase and no key");
    }
    for (String p : phrases) {
      if (!p.matches("[a-z' ]+")) {
        throw new IllegalArgumentException(
            "phrase '" + p + "' must be words of letters only (digits spelt out)");
      }
    }
    if (digit != null && "0123456789*#".indexOf(digit) < 0) {
      throw new IllegalArgumentException("choice key must be 0-9, * or #, was '" + digit + "'");
    }
  }

  /** Whether the recogniser's text selects this choice (whole phrase at word boundaries). */
  public boolean matchesText(String text) {
    String padded = " " + text.toLowerCase(Locale.ROOT).trim() + " ";
    return phrases.stream().anyMatch(p -> padded.contains(" " + p + " "));
  }
}
