package dev.switchboard.server.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Parses {@code --since}: an ISO-8601 instant, or a look-back such as {@code 7d}, {@code 12h}. */
final class Since {

  private Since() {}

  static Instant parse(String text, Instant now) {
    if (text.matches("\\d+[dhm]")) {
      long n = Long.parseLong(text.substring(0, text.length() - 1));
      Duration back =
          switch (text.charAt(text.length() - 1)) {
            case 'd' -> Duration.ofDays(n);
            case 'h' -> Duration.ofHours(n);
            default -> Duration.ofMinutes(n);
          };
      return now.minus(back);
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "bad --since '" + text + "': use an ISO instant (2026-01-31T00:00:00Z) or 7d, 12h, 30m");
    }
  }
}
