package dev.switchboard.local.asr;

import dev.switchboard.local.flow.SpokenDigits;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * A recognition grammar in JSGF (W3C "JSpeech Grammar Format" note, 2000): the phrases of one menu,
 * or a digit string of bounded length. Equal grammars have equal names, so decoders compile each
 * one once.
 *
 * @param name JSGF grammar name, derived from the content
 * @param jsgf the grammar text
 */
public record Grammar(String name, String jsgf) {

  /** One of {@code phrases}, each optionally followed by "please". */
  public static Grammar phrases(List<String> phrases) {
    Set<String> alts = new LinkedHashSet<>();
    for (String p : phrases) {
      String words = p.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
      if (!words.matches("[a-z' ]+")) {
        throw new IllegalArgumentException("phrase '" + p + "' must be words of letters only");
      }
      alts.add(words);
    }
    if (alts.isEmpty()) {
      throw new IllegalArgumentException("a phrase grammar needs at least one phrase");
    }
    return build("public <choice> = (" + String.join(" | ", alts) + ") [please];");
  }

  /**
   * {@code min..max} spoken digits. A known length is spelt out as that many digit slots, which
   * keeps the decoder from inserting digits into trailing noise (JSGF has no {n,m} operator).
   */
  public static Grammar digits(int minDigits, int maxDigits) {
    if (minDigits < 1 || maxDigits < minDigits || maxDigits > 32) {
      throw new IllegalArgumentException(
          "digit grammar needs 1 <= min <= max <= 32, got " + minDigits + ".." + maxDigits);
    }
    StringBuilder rule =
        new StringBuilder("<digit> = ")
            .append(String.join(" | ", new TreeSet<>(SpokenDigits.WORDS.keySet())))
            .append(";\npublic <digits> =");
    for (int i = 0; i < maxDigits; i++) {
      rule.append(i < minDigits ? " <digit>" : " [<digit>]");
    }
    return build(rule.append(";").toString());
  }

  private static Grammar build(String rules) {
    String name = "g" + Integer.toHexString(rules.hashCode() & 0x7fffffff);
    return new Grammar(name, "#JSGF V1.0;\ngrammar " + name + ";\n" + rules + "\n");
  }
}
