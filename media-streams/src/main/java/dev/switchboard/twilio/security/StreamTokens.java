package dev.switchboard.twilio.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One-time tokens binding a Media Stream to the webhook that announced it: the voice webhook issues
 * one per {@code CallSid} and puts it in a {@code <Parameter>} of the {@code <Stream>} (the stream
 * URL may not carry a query string); the {@code start} message must present it for the same call. A
 * token works once and expires after {@code ttl}.
 *
 * <p>Thread-safe.
 */
public final class StreamTokens {

  private record Issued(String token, long expiresNanos) {}

  private final SecureRandom random = new SecureRandom();
  private final Map<String, Issued> byCallSid = new ConcurrentHashMap<>();
  private final long ttlNanos;
  private final LongSupplier nanoTime;

  public StreamTokens(Duration ttl, LongSupplier nanoTime) {
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
  }

  /** A fresh 128-bit token for {@code callSid}, replacing any earlier one. */
  public String issue(String callSid) {
    long now = nanoTime.getAsLong();
    expire(now);
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    byCallSid.put(callSid, new Issued(token, now + ttlNanos));
    return token;
  }

  /** True (once) when {@code token} was issued for {@code callSid} and has not expired. */
  public boolean redeem(String callSid, String token) {
    if (callSid == null || token == null) {
      return false;
    }
    Issued issued = byCallSid.get(callSid);
    if (issued == null) {
      return false;
    }
    if (nanoTime.getAsLong() - issued.expiresNanos() > 0) {
      byCallSid.remove(callSid, issued);
      return false;
    }
    // A wrong guess leaves the real token in place (128 random bits cannot be guessed), so a
    // forged stream cannot lock the genuine one out.
    boolean match =
        MessageDigest.isEqual(
            issued.token().getBytes(StandardCharsets.US_ASCII),
            token.getBytes(StandardCharsets.US_ASCII));
    return match && byCallSid.remove(callSid, issued);
  }

  /** Tokens issued and not yet redeemed or expired. */
  public int outstanding() {
    return byCallSid.size();
  }

  private void expire(long now) {
    for (Iterator<Issued> it = byCallSid.values().iterator(); it.hasNext(); ) {
      if (now - it.next().expiresNanos() > 0) {
        it.remove();
      }
    }
  }
}
