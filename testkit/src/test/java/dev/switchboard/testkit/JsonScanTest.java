package dev.switchboard.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JsonScanTest {

  private static final String AUDIO = "\"audio\":\"";

  @Test
  void findsAPlainStringValueInOneObject() {
    assertThat(
            JsonScan.plainStringAfter(
                "{\"type\":\"input_audio_buffer.append\",\"audio\":\"AAEC/w==\"}", AUDIO))
        .isEqualTo("AAEC/w==");
    assertThat(
            JsonScan.plainStringAfter(
                "{\"event_id\":\"e \\\"}{\\\" 1\",\"audio\":\"AAEC\",\"x\":[1,{\"y\":2}]}", AUDIO))
        .isEqualTo("AAEC");
  }

  @Test
  void leavesEverythingUnusualToTheFullParser() {
    assertThat(JsonScan.plainStringAfter("{\"type\":\"x\"}", AUDIO)).isNull();
    assertThat(JsonScan.plainStringAfter("{\"audio\":\"AA\\u0041\"}", AUDIO)).isNull();
    assertThat(JsonScan.plainStringAfter("{\"audio\":\"AAAA\"", AUDIO)).isNull();
    assertThat(JsonScan.plainStringAfter("{\"audio\":\"AAAA\"}{\"a\":1}", AUDIO)).isNull();
    assertThat(JsonScan.plainStringAfter("{\"audio\":\"AAAA\"}}", AUDIO)).isNull();
    assertThat(JsonScan.plainStringAfter("[{\"audio\":\"AAAA\"}]", AUDIO)).isNull();
    assertThat(JsonScan.plainStringAfter("{\"audio\":\"AAAA}", AUDIO)).isNull();
  }
}
