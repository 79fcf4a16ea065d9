package dev.switchboard.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sip.OutboundConfig;
import dev.switchboard.sip.TransferMode;
import dev.switchboard.sip.ua.OutboundLeg.Step;
import org.junit.jupiter.api.Test;

/** The outbound leg's decision table and target routing, without a SIP stack. */
class OutboundLegTest {

  @Test
  void responsesMapToProgressAnswerAuthenticationOrFailure() {
    assertThat(OutboundLeg.step(100, false, true)).isEqualTo(Step.PROGRESS);
    assertThat(OutboundLeg.step(180, false, true)).isEqualTo(Step.PROGRESS);
    assertThat(OutboundLeg.step(183, false, true)).isEqualTo(Step.PROGRESS);
    assertThat(OutboundLeg.step(200, false, true)).isEqualTo(Step.ANSWER);
    assertThat(OutboundLeg.step(302, false, true)).isEqualTo(Step.FAIL);
    assertThat(OutboundLeg.step(486, false, true)).isEqualTo(Step.FAIL);
    assertThat(OutboundLeg.step(603, false, true)).isEqualTo(Step.FAIL);
    assertThat(OutboundLeg.step(407, false, true)).isEqualTo(Step.AUTHENTICATE);
    assertThat(OutboundLeg.step(401, false, true)).isEqualTo(Step.AUTHENTICATE);
  }

  @Test
  void aChallengeIsAnsweredOnceAndOnlyWithCredentialsForThatHop() {
    assertThat(OutboundLeg.step(407, true, true))
        .as("a second challenge means the credentials are wrong")
        .isEqualTo(Step.FAIL);
    assertThat(OutboundLeg.step(401, false, false))
        .as("no credentials for this hop: never guess")
        .isEqualTo(Step.FAIL);
  }

  @Test
  void sipTargetsGoDirectOrThroughTheProxy() {
    OutboundConfig direct = OutboundConfig.defaults();
    OutboundTarget t = OutboundTarget.resolve("sip:alice@pbx.example:5070", direct);
    assertThat(t.requestUri()).isEqualTo("sip:alice@pbx.example:5070");
    assertThat(t.viaProxy()).isFalse();

    OutboundConfig trunk = direct.withProxy("sip:trunk.example:5080");
    OutboundTarget viaTrunk = OutboundTarget.resolve("alice@pbx.example", trunk);
    assertThat(viaTrunk.requestUri()).isEqualTo("sip:alice@pbx.example");
    assertThat(viaTrunk.proxyUri()).isEqualTo("sip:trunk.example:5080;lr");
  }

  @Test
  void numbersBecomeSipUrisAtTheTrunkWithUserPhone() {
    OutboundConfig trunk = OutboundConfig.defaults().withProxy("sip:trunk.example:5080");
    assertThat(OutboundTarget.resolve("+1 (555) 000-1234", trunk).requestUri())
        .isEqualTo("sip:+15550001234@trunk.example:5080;user=phone");
    assertThat(OutboundTarget.resolve("tel:+15550001234;ext=12", trunk).requestUri())
        .isEqualTo("sip:+15550001234@trunk.example:5080;user=phone");
  }

  @Test
  void numbersWithoutATrunkAndSipsAreRefusedNamingTheTarget() {
    assertThatThrownBy(() -> OutboundTarget.resolve("+15550001234", OutboundConfig.defaults()))
        .hasMessageContaining("+15550001234")
        .hasMessageContaining("sip.outbound.proxy");
    assertThatThrownBy(() -> OutboundTarget.resolve("sips:a@b", OutboundConfig.defaults()))
        .hasMessageContaining("sips:a@b");
  }

  @Test
  void outboundConfigNeverPrintsThePassword() {
    OutboundConfig c = OutboundConfig.defaults().withCredentials("trunkuser", "hunter2");
    assertThat(c.toString()).contains("trunkuser").doesNotContain("hunter2");
    assertThatThrownBy(() -> OutboundConfig.defaults().withProxy("trunk.example"))
        .hasMessageContaining("trunk.example");
  }

  @Test
  void transferModesParseFromConfigNames() {
    assertThat(TransferMode.parse("bridge")).isEqualTo(TransferMode.BRIDGE);
    assertThat(TransferMode.parse("refer_then_bridge")).isEqualTo(TransferMode.REFER_THEN_BRIDGE);
    assertThatThrownBy(() -> TransferMode.parse("blind")).hasMessageContaining("'blind'");
  }
}
