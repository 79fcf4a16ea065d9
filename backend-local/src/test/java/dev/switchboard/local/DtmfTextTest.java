package dev.switchboard.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DtmfTextTest {

  @Test
  void acceptsTheDocumentedFormAndTheCallCoresSentence() {
    assertThat(DtmfText.keys("DTMF 3")).isEqualTo("3");
    assertThat(DtmfText.keys(" dtmf 12#* ")).isEqualTo("12#*");
    assertThat(DtmfText.keys("The caller pressed the phone key '7'.")).isEqualTo("7");
    assertThat(DtmfText.format("42#")).isEqualTo("DTMF 42#");
  }

  @Test
  void otherTextIsNotDtmf() {
    assertThat(DtmfText.keys("support please")).isNull();
    assertThat(DtmfText.keys("DTMF")).isNull();
    assertThat(DtmfText.keys("DTMF 9x")).isNull();
    assertThatThrownBy(() -> DtmfText.format("x")).hasMessageContaining("'x'");
  }
}
