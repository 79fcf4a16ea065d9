package dev.switchboard.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DigestAuthTest {

  @Test
  void matchesTheRfc2617WorkedExample() {
    // RFC 2617 §3.5: Mufasa / "Circle Of Life", qop=auth.
    String response =
        DigestAuth.response(
            "MD5",
            "Mufasa",
            "testrealm@host.com",
            "Circle Of Life",
            "GET",
            "/dir/index.html",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            "00000001",
            "0a4f113b",
            "auth");
    assertThat(response).isEqualTo("6629fae49393a05397450978507c4ef1");
  }

  @Test
  void headerCarriesTheFieldsASipRegistrarChecks() {
    DigestAuth.Challenge c =
        new DigestAuth.Challenge(
            "testrealm@host.com",
            "dcd98b7102dd2f0e8b11d0f600bfb0c093",
            null,
            "auth,auth-int",
            "5ccc069c403ebaf9f0171e9517f40e41");
    String header =
        DigestAuth.authorization(
            c, "Mufasa", "Circle Of Life", "GET", "/dir/index.html", 1, "0a4f113b");
    assertThat(header)
        .startsWith("Digest username=\"Mufasa\"")
        .contains("response=\"6629fae49393a05397450978507c4ef1\"")
        .contains("qop=auth,nc=00000001,cnonce=\"0a4f113b\"")
        .contains("opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"")
        .doesNotContain("Circle Of Life");
  }

  @Test
  void withoutQopUsesTheRfc2069FormAndSha256Differs() {
    String md5 =
        DigestAuth.response("MD5", "u", "r", "p", "INVITE", "sip:a@b", "n", null, null, null);
    String sha =
        DigestAuth.response("SHA-256", "u", "r", "p", "INVITE", "sip:a@b", "n", null, null, null);
    assertThat(md5).hasSize(32).isNotEqualTo(sha);
    assertThat(sha).hasSize(64);
    // A different password must give a different answer.
    assertThat(
            DigestAuth.response("MD5", "u", "r", "q", "INVITE", "sip:a@b", "n", null, null, null))
        .isNotEqualTo(md5);
  }

  @Test
  void unsupportedAlgorithmIsNamed() {
    DigestAuth.Challenge c = new DigestAuth.Challenge("r", "n", "MD5-sess", "auth", null);
    assertThatThrownBy(() -> DigestAuth.authorization(c, "u", "p", "INVITE", "sip:x", 1, "c"))
        .hasMessageContaining("MD5-sess");
  }
}
