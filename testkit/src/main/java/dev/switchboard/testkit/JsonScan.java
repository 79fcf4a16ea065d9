package dev.switchboard.testkit;

/**
 * Cheap looks into JSON text for the hot paths of the load generator's peers (20 ms media and audio
 * appends): find one string value without building a tree. Anything unusual answers {@code null},
 * and the caller falls back to its full parser, which keeps every error report. Stateless.
 */
public final class JsonScan {

  private JsonScan() {}

  /**
   * The string value right after {@code key} (written with its colon and opening quote, e.g. {@code
   * "payload":"}) if {@code text} is one balanced object and the value has no escapes (base64 never
   * has); otherwise {@code null}.
   */
  public static String plainStringAfter(String text, String key) {
    int at = text.indexOf(key);
    if (at < 0 || !isOneObject(text)) {
      return null;
    }
    int from = at + key.length();
    int to = text.indexOf('"', from);
    int backslash = text.indexOf('\\', from);
    if (to < 0 || (backslash >= 0 && backslash < to)) {
      return null;
    }
    return text.substring(from, to);
  }

  /**
   * Whether braces and brackets outside strings balance and close exactly at the last character: a
   * truncated or run-together message is not one object.
   */
  public static boolean isOneObject(String text) {
    if (text.isEmpty() || text.charAt(0) != '{') {
      return false;
    }
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0 && i != text.length() - 1) {
        return false;
      }
    }
    return depth == 0 && !inString;
  }
}
