package dev.switchboard.sip.ua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.sip.OutboundConfig;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class UaHelpersTest {

  @Test
  void allowlistMatchesCidrBlocks() throws Exception {
    CidrAllowlist list = CidrAllowlist.parse(List.of("10.0.0.0/8", "192.0.2.7", "2001:db8::/32"));
    assertThat(list.allows(InetAddress.getByName("10.200.1.1"))).isTrue();
    assertThat(list.allows(InetAddress.getByName("11.0.0.1"))).isFalse();
    assertThat(list.allows(InetAddress.getByName("192.0.2.7"))).isTrue();
    assertThat(list.allows(InetAddress.getByName("192.0.2.8"))).isFalse();
    assertThat(list.allows(InetAddress.getByName("2001:db8::1"))).isTrue();
    assertThat(CidrAllowlist.allowAll().allows(InetAddress.getByName("8.8.8.8"))).isTrue();
    assertThat(
            CidrAllowlist.parse(List.of("172.16.0.0/12"))
                .allows(InetAddress.getByName("172.31.255.255")))
        .isTrue();
    assertThatThrownBy(() -> CidrAllowlist.parse(List.of("10.0.0.0/33")))
        .hasMessageContaining("10.0.0.0/33");
    assertThatThrownBy(() -> CidrAllowlist.parse(List.of("example.com")))
        .hasMessageContaining("example.com");
  }

  @Test
  void dtmfInfoBodies() {
    assertThat(DtmfInfo.parse("application/dtmf-relay", "Signal=5\r\nDuration=160\r\n"))
        .isEqualTo('5');
    assertThat(DtmfInfo.parse("application/dtmf-relay", "Signal= *\nDuration=100")).isEqualTo('*');
    assertThat(DtmfInfo.parse("application/dtmf", "#")).isEqualTo('#');
    assertThat(DtmfInfo.parse("application/dtmf", "11")).isEqualTo('#');
    assertThat(DtmfInfo.parse("application/dtmf", "x")).isEqualTo((char) 0);
  }

  @Test
  void sipfragAndTargets() {
    assertThat(Transfer.sipfragStatus("SIP/2.0 200 OK\r\n")).isEqualTo(200);
    assertThat(Transfer.sipfragStatus("SIP/2.0 486 Busy Here")).isEqualTo(486);
    assertThat(Transfer.sipfragStatus("garbage")).isEqualTo(-1);
    assertThat(Transfer.normalise("+1 (555) 123-4567")).isEqualTo("tel:+15551234567");
    assertThat(Transfer.normalise("sip:sales@example.com")).isEqualTo("sip:sales@example.com");
    assertThat(Transfer.normalise("sales@example.com")).isEqualTo("sip:sales@example.com");
    assertThatThrownBy(() -> Transfer.normalise("sales")).hasMessageContaining("'sales'");
  }

  @Test
  void outboundLegsTakeTheirTransportFromTheNextHopsUri() {
    OutboundConfig direct = OutboundConfig.defaults();
    assertThat(OutboundTarget.resolve("sip:human@10.0.0.5", direct).transport()).isEqualTo("udp");
    assertThat(OutboundTarget.resolve("sip:human@10.0.0.5;transport=TCP", direct).transport())
        .isEqualTo("tcp");
    OutboundConfig tcpTrunk =
        new OutboundConfig(
            "sip:trunk.example.com:5060;transport=tcp",
            "switchboard",
            null,
            null,
            null,
            OutboundConfig.RING_TIMEOUT);
    // Through a proxy the proxy's URI decides, whatever the target says.
    assertThat(OutboundTarget.resolve("+15551234567", tcpTrunk).transport()).isEqualTo("tcp");
    assertThat(OutboundTarget.resolve("sip:human@10.0.0.5;transport=udp", tcpTrunk).transport())
        .isEqualTo("tcp");
    assertThatThrownBy(() -> OutboundTarget.resolve("sip:human@10.0.0.5;transport=tls", direct))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("transport=tls is not offered");
    assertThatThrownBy(
            () ->
                new OutboundConfig(
                    "sip:trunk.example.com;transport=tls",
                    "switchboard",
                    null,
                    null,
                    null,
                    OutboundConfig.RING_TIMEOUT))
        .hasMessageContaining("outbound legs use udp or tcp");
  }
}
