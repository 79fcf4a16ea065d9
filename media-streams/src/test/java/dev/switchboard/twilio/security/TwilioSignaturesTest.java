package dev.switchboard.twilio.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.testkit.twilio.TwilioSigner;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The SDK validator (server side) against the testkit's independent signer (Twilio side). */
class TwilioSignaturesTest {

  static final String TOKEN = "test-auth-token-0123456789abcdef";
  final TwilioSigner twilio = new TwilioSigner(TOKEN);
  final Map<String, String> params =
      Map.of("CallSid", "CA1234", "From", "+15551234567", "To", "+15557654321");

  @Test
  void webhookSignedOverThePublicUrlIsValidBehindAProxy() {
    TwilioSignatures s = new TwilioSignatures(TOKEN, URI.create("https://voice.example.com/"));
    String sig = twilio.sign("https://voice.example.com/twilio/voice", params);
    assertThat(s.checkWebhook("/twilio/voice", null, params, sig)).isEqualTo(SignatureCheck.VALID);
  }

  @Test
  void bothPortVariantsAreAccepted() {
    TwilioSignatures s = new TwilioSignatures(TOKEN, URI.create("https://voice.example.com"));
    String withPort = twilio.sign("https://voice.example.com:443/twilio/voice", params);
    assertThat(s.checkWebhook("/twilio/voice", null, params, withPort).valid()).isTrue();
    TwilioSignatures explicit =
        new TwilioSignatures(TOKEN, URI.create("https://voice.example.com:443"));
    String without = twilio.sign("https://voice.example.com/twilio/voice", params);
    assertThat(explicit.checkWebhook("/twilio/voice", null, params, without).valid()).isTrue();
  }

  @Test
  void queryStringIsPartOfTheSignedUrl() {
    TwilioSignatures s = new TwilioSignatures(TOKEN, URI.create("https://voice.example.com"));
    String sig = twilio.sign("https://voice.example.com/twilio/voice?flow=sales", params);
    assertThat(s.checkWebhook("/twilio/voice", "flow=sales", params, sig).valid()).isTrue();
    assertThat(s.checkWebhook("/twilio/voice", null, params, sig))
        .isEqualTo(SignatureCheck.MISMATCH);
  }

  @Test
  void tamperedParamsWrongTokenAndMissingSignatureFail() {
    TwilioSignatures s = new TwilioSignatures(TOKEN, URI.create("https://voice.example.com"));
    String sig = twilio.sign("https://voice.example.com/twilio/voice", params);
    Map<String, String> tampered = new java.util.HashMap<>(params);
    tampered.put("To", "+15550000000");
    assertThat(s.checkWebhook("/twilio/voice", null, tampered, sig))
        .isEqualTo(SignatureCheck.MISMATCH);
    String other =
        new TwilioSigner("another-token").sign("https://voice.example.com/twilio/voice", params);
    assertThat(s.checkWebhook("/twilio/voice", null, params, other))
        .isEqualTo(SignatureCheck.MISMATCH);
    assertThat(s.checkWebhook("/twilio/voice", null, params, null))
        .isEqualTo(SignatureCheck.MISSING);
  }

  @Test
  void upgradeIsSignedOverTheWssUrlWithoutParameters() {
    TwilioSignatures s = new TwilioSignatures(TOKEN, URI.create("https://voice.example.com"));
    assertThat(s.webSocketUrl("/twilio/media")).isEqualTo("wss://voice.example.com/twilio/media");
    String sig = twilio.sign("wss://voice.example.com/twilio/media", Map.of());
    assertThat(s.checkUpgrade("/twilio/media", sig)).isEqualTo(SignatureCheck.VALID);
    String httpsSig = twilio.sign("https://voice.example.com/twilio/media", Map.of());
    assertThat(s.checkUpgrade("/twilio/media", httpsSig)).isEqualTo(SignatureCheck.MISMATCH);
  }

  @Test
  void toStringHidesTheToken() {
    assertThat(new TwilioSignatures(TOKEN, URI.create("https://x.example")).toString())
        .doesNotContain(TOKEN);
  }

  @Test
  void tokensWorkOnceForTheirCallAndExpire() {
    AtomicLong now = new AtomicLong();
    StreamTokens tokens = new StreamTokens(Duration.ofSeconds(10), now::get);
    String t = tokens.issue("CA1");
    assertThat(tokens.redeem("CA2", t)).isFalse();
    assertThat(tokens.redeem("CA1", "forged")).isFalse();
    assertThat(tokens.redeem("CA1", t)).isTrue();
    assertThat(tokens.redeem("CA1", t)).isFalse();
    String late = tokens.issue("CA3");
    now.addAndGet(Duration.ofSeconds(11).toNanos());
    assertThat(tokens.redeem("CA3", late)).isFalse();
    assertThat(tokens.outstanding()).isZero();
  }
}
