package dev.switchboard.sip.ua;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * HTTP digest authentication as SIP uses it (RFC 3261 §22.4, RFC 2617 §3.2.2): the {@code
 * Authorization} / {@code Proxy-Authorization} value answering one {@code WWW-Authenticate} /
 * {@code Proxy-Authenticate} challenge. MD5 and SHA-256 (RFC 8760 §2), {@code qop=auth} when the
 * challenge offers it, else the RFC 2069 form. {@code auth-int} and {@code -sess} algorithms are
 * not supported (rare on trunks); they fail with a message naming the algorithm.
 *
 * <p>Stateless and thread-safe. The password is only ever hashed, never returned or logged.
 */
final class DigestAuth {

  /** What the challenge asked for; {@code qop} and {@code opaque} may be null. */
  record Challenge(String realm, String nonce, String algorithm, String qop, String opaque) {}

  private DigestAuth() {}

  /**
   * The header value: {@code Digest username="…", realm="…", …}.
   *
   * @param nonceCount how often this nonce was used, from 1 (RFC 2617 §3.2.2 {@code nc})
   * @param cnonce our client nonce (random per request)
   */
  static String authorization(
      Challenge c,
      String user,
      String password,
      String method,
      String uri,
      int nonceCount,
      String cnonce) {
    String algorithm = c.algorithm() == null ? "MD5" : c.algorithm();
    boolean qopAuth = offersAuth(c.qop());
    String nc = String.format(Locale.ROOT, "%08x", nonceCount);
    String response =
        response(
            algorithm,
            user,
            c.realm(),
            password,
            method,
            uri,
            c.nonce(),
            qopAuth ? nc : null,
            qopAuth ? cnonce : null,
            qopAuth ? "auth" : null);
    StringBuilder b = new StringBuilder("Digest ");
    b.append("username=\"").append(user).append('"');
    b.append(",realm=\"").append(c.realm()).append('"');
    b.append(",nonce=\"").append(c.nonce()).append('"');
    b.append(",uri=\"").append(uri).append('"');
    b.append(",response=\"").append(response).append('"');
    b.append(",algorithm=").append(algorithm);
    if (qopAuth) {
      b.append(",qop=auth,nc=").append(nc).append(",cnonce=\"").append(cnonce).append('"');
    }
    if (c.opaque() != null) {
      b.append(",opaque=\"").append(c.opaque()).append('"');
    }
    return b.toString();
  }

  /**
   * The {@code response} value (RFC 2617 §3.2.2.1): {@code H(H(A1):nonce:nc:cnonce:qop:H(A2))}, or
   * {@code H(H(A1):nonce:H(A2))} without qop; A1 = {@code user:realm:password}, A2 = {@code
   * method:uri}.
   */
  static String response(
      String algorithm,
      String user,
      String realm,
      String password,
      String method,
      String uri,
      String nonce,
      String nc,
      String cnonce,
      String qop) {
    String ha1 = hash(algorithm, user + ":" + realm + ":" + password);
    String ha2 = hash(algorithm, method + ":" + uri);
    if (qop == null) {
      return hash(algorithm, ha1 + ":" + nonce + ":" + ha2);
    }
    return hash(algorithm, ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":" + qop + ":" + ha2);
  }

  /**
   * {@code qop="auth,auth-int"} offers auth; a challenge without qop is answered RFC 2069-style.
   */
  private static boolean offersAuth(String qop) {
    if (qop == null) {
      return false;
    }
    for (String option : qop.split(",")) {
      if (option.trim().equalsIgnoreCase("auth")) {
        return true;
      }
    }
    throw new IllegalArgumentException("unsupported digest qop '" + qop + "' (only auth)");
  }

  private static String hash(String algorithm, String text) {
    String jdkName =
        switch (algorithm.toUpperCase(Locale.ROOT)) {
          case "MD5" -> "MD5";
          case "SHA-256" -> "SHA-256";
          default ->
              throw new IllegalArgumentException(
                  "unsupported digest algorithm '" + algorithm + "' (MD5 or SHA-256)");
        };
    try {
      MessageDigest md = MessageDigest.getInstance(jdkName);
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(jdkName + " missing from the JDK", e);
    }
  }
}
