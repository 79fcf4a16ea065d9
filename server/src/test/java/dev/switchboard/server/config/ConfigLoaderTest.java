package dev.switchboard.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private Path yaml(String text) throws IOException {
    Path p = dir.resolve("switchboard.yaml");
    Files.writeString(p, text);
    return p;
  }

  @Test
  void noFileAndNoEnvironmentGivesTheDocumentedDefaults() {
    ServerConfig c = ConfigLoader.load(null, Map.of());
    assertThat(c.http().port()).isEqualTo(8080);
    assertThat(c.sip().port()).isEqualTo(5060);
    assertThat(c.maxConcurrentCalls()).isEqualTo(100);
    assertThat(c.drainDeadline()).isEqualTo(Duration.ofSeconds(30));
    assertThat(c.adminToken()).isEmpty();
    assertThat(c.flows().dir()).isEmpty();
  }

  @Test
  void environmentOverridesTheFile() throws IOException {
    Path f = yaml("http:\n  port: 9000\nlimits:\n  maxConcurrentCalls: 5\n");
    ServerConfig c = ConfigLoader.load(f, Map.of("SWITCHBOARD_HTTP_PORT", "9100"));
    assertThat(c.http().port()).isEqualTo(9100);
    assertThat(c.maxConcurrentCalls()).isEqualTo(5);
    assertThat(c.values().values().get(ConfigKey.HTTP_PORT).source())
        .isEqualTo("env SWITCHBOARD_HTTP_PORT");
  }

  @Test
  void everyProblemIsReportedWithKeyValueAndWhatIsAllowed() throws IOException {
    Path f =
        yaml(
            "http:\n  port: 70000\n  prot: 1\ndrain:\n  deadline: soon\nlimits:\n  maxConcurrentCalls: 0\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .isInstanceOfSatisfying(
            ConfigException.class,
            e -> {
              assertThat(e.problems()).hasSize(4);
              assertThat(e.getMessage())
                  .contains(
                      "'http.port' (switchboard.yaml) = '70000' is invalid: must be a port 0-65535")
                  .contains(
                      "unknown key 'http.prot' in switchboard.yaml (did you mean 'http.port'?)")
                  .contains(
                      "'drain.deadline' (switchboard.yaml) = 'soon' is invalid: must be a duration")
                  .contains(
                      "'limits.maxConcurrentCalls' (switchboard.yaml) = '0' is invalid: must be an integer >= 1");
            });
  }

  @Test
  void unknownSwitchboardVariablesAreErrorsNotSilence() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("SWITCHBOARD_HTTP_PROT", "1")))
        .hasMessageContaining(
            "unknown environment variable SWITCHBOARD_HTTP_PROT (did you mean 'SWITCHBOARD_HTTP_PORT'?)");
    // Other variables of the environment are none of our business.
    assertThat(ConfigLoader.load(null, Map.of("PATH", "/bin", "SWITCHBOARD_JAVA_OPTS", "-Xmx1g")))
        .isNotNull();
  }

  @Test
  void twilioMarkIntervalMustBeWholeFrames() {
    assertThat(
            ConfigLoader.load(null, Map.of("SWITCHBOARD_TWILIO_MARK_INTERVAL", "60ms"))
                .twilioMarkInterval())
        .hasMillis(60);
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("SWITCHBOARD_TWILIO_MARK_INTERVAL", "50ms")))
        .hasMessageContaining(
            "'twilio.markInterval' = 50ms is invalid: need a multiple of 20ms from 20ms to 1s");
  }

  @Test
  void twilioStreamIdleTimeoutDefaultsToTenSecondsAndZeroTurnsItOff() {
    assertThat(ConfigLoader.load(null, Map.of()).twilioStreamIdleTimeout()).hasSeconds(10);
    assertThat(
            ConfigLoader.load(null, Map.of("SWITCHBOARD_TWILIO_STREAM_IDLE_TIMEOUT", "0s"))
                .twilioStreamIdleTimeout())
        .isZero();
    assertThatThrownBy(
            () -> ConfigLoader.load(null, Map.of("SWITCHBOARD_TWILIO_STREAM_IDLE_TIMEOUT", "soon")))
        .hasMessageContaining("twilio.streamIdleTimeout");
  }

  @Test
  void aSectionGivenAsAScalarNamesTheSection() throws IOException {
    Path f = yaml("http: 8080\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .hasMessageContaining("'http' in switchboard.yaml must be a mapping of keys, was '8080'");
  }

  @Test
  void secretsAreRedactedInErrorsInShowAndInToString() throws IOException {
    Path f = yaml("admin:\n  token: s3cret-admin\nopenai:\n  apiKey: sk-live-123\n");
    ConfigValues v = ConfigLoader.resolve(f, Map.of("TWILIO_AUTH_TOKEN", "tw-secret"));
    assertThat(String.join("\n", v.describe()))
        .contains("admin.token = ****")
        .contains("openai.apiKey = ****")
        .contains("twilio.authToken = ****")
        .doesNotContain("s3cret-admin", "sk-live-123", "tw-secret");
    assertThat(ServerConfig.from(v).toString())
        .doesNotContain("s3cret-admin", "sk-live-123", "tw-secret");
  }

  @Test
  void rtpRangeMustBeOrderedAndStartEven() {
    assertThatThrownBy(
            () ->
                ConfigLoader.load(
                    null,
                    Map.of(
                        "SWITCHBOARD_RTP_PORT_MIN", "20001", "SWITCHBOARD_RTP_PORT_MAX", "20000")))
        .hasMessageContaining("'sip.rtpPortMin' = 20001 and 'sip.rtpPortMax' = 20000 are invalid");
  }

  @Test
  void brokenYamlNamesTheFile() throws IOException {
    Path f = yaml("http: [unclosed\n");
    assertThatThrownBy(() -> ConfigLoader.load(f, Map.of()))
        .hasMessageContaining("is not valid YAML");
  }
}
