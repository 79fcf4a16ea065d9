package dev.switchboard.recordings.storage;

import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Names that are safe as one path segment: call ids come from carriers (Twilio CallSid, SIP
 * Call-ID) and must never become {@code ..}, an absolute path or a separator. Stateless.
 */
public final class SafeNames {

  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private SafeNames() {}

  /** Returns {@code name} if it is a safe single path segment, else throws naming it. */
  public static String check(String name) {
    if (name == null || !SAFE.matcher(name).matches() || name.contains("..")) {
      throw new IllegalArgumentException(
          "unsafe recording name '"
              + name
              + "': use 1-128 of A-Z a-z 0-9 . _ - starting with a letter or digit, no '..'");
    }
    return name;
  }

  /** Resolves {@code relative} under {@code root}, refusing anything that escapes it. */
  public static Path resolveInside(Path root, String relative) {
    Path base = root.toAbsolutePath().normalize();
    Path p = base.resolve(relative).normalize();
    if (!p.startsWith(base) || p.equals(base)) {
      throw new IllegalArgumentException(
          "path '" + relative + "' escapes the recordings root " + base);
    }
    return p;
  }
}
