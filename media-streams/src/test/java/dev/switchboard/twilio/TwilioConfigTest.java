package dev.switchboard.twilio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TwilioConfigTest {

  private static final URI BASE = URI.create("https://voice.example.com");

  @Test
  void marksEveryHundredMillisecondsByDefault() {
    assertThat(TwilioConfig.of(BASE, "t").markIntervalMillis()).isEqualTo(100);
    assertThat(TwilioConfig.of(BASE, "t").withMarkIntervalMillis(20).markIntervalMillis())
        .isEqualTo(20);
  }

  @Test
  void markIntervalIsWholeFramesWithinBounds() {
    for (int bad : new int[] {0, 10, 30, 1020}) {
      assertThatThrownBy(() -> TwilioConfig.of(BASE, "t").withMarkIntervalMillis(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("was " + bad + " ms");
    }
  }

  @Test
  void markIntervalFromTheEnvironment() {
    TwilioConfig c =
        TwilioConfig.fromEnvironment(
            Map.of(
                "SWITCHBOARD_PUBLIC_URL", BASE.toString(),
                "TWILIO_AUTH_TOKEN", "secret-token",
                "SWITCHBOARD_TWILIO_MARK_INTERVAL_MS", "200"));
    assertThat(c.markIntervalMillis()).isEqualTo(200);
    assertThat(c.toString()).contains("markIntervalMillis=200").doesNotContain("secret-token");
  }
}
