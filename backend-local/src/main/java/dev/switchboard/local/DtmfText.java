package dev.switchboard.local;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The convention by which key presses reach a backend through {@link
 * dev.switchboard.bridge.backend.RealtimeSession#sendText}: the text {@code "DTMF "} followed by
 * one or more keys from {@code 0-9 * # A-D}, e.g. {@code "DTMF 3"} or {@code "DTMF 1234#"}
 * (case-insensitive, surrounding spaces ignored). The call core's {@code MODEL_TEXT} DTMF mode
 * sends {@code "The caller pressed the phone key '3'."}, which is accepted too. Cloud models read
 * either as a user message; the offline backend routes them to the flow as key presses. Any other
 * text is treated as something the caller said.
 */
public final class DtmfText {

  private static final Pattern DTMF = Pattern.compile("^\\s*DTMF\\s+([0-9*#A-D]+)\\s*$");
  private static final Pattern CALL_CORE =
      Pattern.compile("^\\s*THE CALLER PRESSED THE PHONE KEY '([0-9*#A-D])'\\.?\\s*$");

  private DtmfText() {}

  /** The keys, or {@code null} when {@code text} is not a DTMF message. */
  public static String keys(String text) {
    if (text == null) {
      return null;
    }
    String upper = text.toUpperCase(Locale.ROOT);
    Matcher m = DTMF.matcher(upper);
    if (m.matches()) {
      return m.group(1);
    }
    Matcher c = CALL_CORE.matcher(upper);
    return c.matches() ? c.group(1) : null;
  }

  /** The message for {@code keys}, e.g. {@code format("3")} is {@code "DTMF 3"}. */
  public static String format(String keys) {
    if (keys(("DTMF " + keys)) == null) {
      throw new IllegalArgumentException("not DTMF keys: '" + keys + "'");
    }
    return "DTMF " + keys;
  }
}
