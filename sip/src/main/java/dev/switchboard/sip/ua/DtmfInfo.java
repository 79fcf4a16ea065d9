package dev.switchboard.sip.ua;

import dev.switchboard.sip.rtp.TelephoneEvent;
import java.util.Locale;

/**
 * DTMF carried in SIP INFO bodies: {@code application/dtmf-relay} ({@code
 * Signal=5\r\nDuration=160}, the de-facto Cisco format) and {@code application/dtmf} (the digit
 * alone, or an event code).
 */
public final class DtmfInfo {

  private DtmfInfo() {}

  /** Whether we understand bodies of this content type ({@code type/subtype}, lower case). */
  public static boolean supports(String contentType) {
    return contentType.equals("application/dtmf-relay") || contentType.equals("application/dtmf");
  }

  /**
   * @return the digit, or 0 when the body names none we know
   */
  public static char parse(String contentType, String body) {
    if (body == null) {
      return 0;
    }
    String value = null;
    if (contentType.equals("application/dtmf-relay")) {
      for (String line : body.split("\r?\n")) {
        int eq = line.indexOf('=');
        if (eq > 0 && line.substring(0, eq).trim().toLowerCase(Locale.ROOT).equals("signal")) {
          value = line.substring(eq + 1).trim();
        }
      }
    } else {
      value = body.trim();
    }
    if (value == null || value.isEmpty()) {
      return 0;
    }
    if (value.length() == 1 && TelephoneEvent.fromDigit(value.charAt(0)) >= 0) {
      return Character.toUpperCase(value.charAt(0));
    }
    try {
      // Some senders put the RFC 4733 event code ("10" for '*', "11" for '#').
      return TelephoneEvent.toDigit(Integer.parseInt(value));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
