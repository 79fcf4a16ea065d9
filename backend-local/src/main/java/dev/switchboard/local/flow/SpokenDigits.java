package dev.switchboard.local.flow;

import java.util.Map;

/** Spoken digit words ("one two oh four") to digits ("1204"). */
public final class SpokenDigits {

  /** The words the digit grammar listens for; "oh" is the usual spoken zero in numbers. */
  public static final Map<String, Character> WORDS =
      Map.ofEntries(
          Map.entry("zero", '0'),
          Map.entry("oh", '0'),
          Map.entry("one", '1'),
          Map.entry("two", '2'),
          Map.entry("three", '3'),
          Map.entry("four", '4'),
          Map.entry("five", '5'),
          Map.entry("six", '6'),
          Map.entry("seven", '7'),
          Map.entry("eight", '8'),
          Map.entry("nine", '9'));

  private SpokenDigits() {}

  /** The digits, or {@code null} if {@code text} is empty or has a word that is not a digit. */
  public static String parse(String text) {
    StringBuilder out = new StringBuilder();
    for (String w : text.trim().split("\\s+")) {
      if (w.isEmpty()) {
        continue;
      }
      Character d = WORDS.get(w);
      if (d == null) {
        return null;
      }
      out.append(d);
    }
    return out.isEmpty() ? null : out.toString();
  }
}
