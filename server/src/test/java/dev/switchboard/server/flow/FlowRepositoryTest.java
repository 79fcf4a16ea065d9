package dev.switchboard.server.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.bridge.transport.CallInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FlowRepositoryTest {

  @TempDir Path dir;

  private static CallInfo callTo(String to) {
    return new CallInfo("c1", "sip", "x", "+15550000001", to, Map.of());
  }

  private void write(String file, String text) throws Exception {
    Path p = dir.resolve(file);
    Files.writeString(p, text);
    // Make the change visible even within the file system's timestamp granularity.
    Files.setLastModifiedTime(
        p, FileTime.fromMillis(System.currentTimeMillis() + text.length() * 1000L));
  }

  @Test
  void routesByNumberThenSipUserThenTheDefault() throws Exception {
    write("sales.yaml", "answers: {numbers: [\"+15551110000\"], sipUsers: [sales]}\n");
    write("front.yaml", "answers: {default: true}\n");
    FlowRepository r = FlowRepository.ofDirectory(dir);
    assertThat(r.route(callTo("+15551110000")).orElseThrow().name()).isEqualTo("sales");
    assertThat(r.route(callTo("sip:sales@switchboard.example;transport=tcp")).orElseThrow().name())
        .isEqualTo("sales");
    assertThat(r.route(callTo("sip:other@host")).orElseThrow().name()).isEqualTo("front");
  }

  @Test
  void hotReloadAppliesValidChangesAndCallsKeepTheirVersion() throws Exception {
    write("sales.yaml", "answers: {default: true}\ninstructions: version one\n");
    FlowRepository r = FlowRepository.ofDirectory(dir);
    Flow inCall = r.get("sales").orElseThrow();

    write("sales.yaml", "answers: {default: true}\ninstructions: version two, longer\n");
    assertThat(r.reloadIfChanged()).isTrue();

    assertThat(r.get("sales").orElseThrow().instructions()).isEqualTo("version two, longer");
    assertThat(inCall.instructions())
        .as("a call in progress keeps its flow")
        .isEqualTo("version one");
    assertThat(r.get("sales").orElseThrow().version()).isNotEqualTo(inCall.version());
  }

  @Test
  void anInvalidChangeIsRefusedAndTheLastGoodVersionStays() throws Exception {
    write("sales.yaml", "answers: {default: true}\ninstructions: good\n");
    FlowRepository r = FlowRepository.ofDirectory(dir);

    write("sales.yaml", "answers: {default: true}\nmaxDuration: forever\n");
    r.reloadIfChanged();

    assertThat(r.get("sales").orElseThrow().instructions()).isEqualTo("good");
    assertThat(r.refused()).containsKey("sales.yaml");
    assertThat(r.refused().get("sales.yaml").getFirst()).contains("'maxDuration' = 'forever'");
  }

  @Test
  void twoFlowsCannotAnswerTheSameNumber() throws Exception {
    write("a.yaml", "answers: {numbers: [\"+15551110000\"]}\n");
    write("b.yaml", "answers: {numbers: [\"+15551110000\"]}\n");
    FlowRepository r = FlowRepository.ofDirectory(dir);
    assertThat(r.all()).containsOnlyKeys("a");
    assertThat(r.refused().get("b.yaml"))
        .anyMatch(p -> p.contains("number +15551110000 is already answered by flow 'a'"));
  }

  @Test
  void putValidatesBeforeWritingAndDeleteRemoves() throws Exception {
    FlowRepository r = FlowRepository.ofDirectory(dir);
    assertThatThrownBy(() -> r.put("support", "answers: {default: true}\nvoice: [x]\n"))
        .isInstanceOf(InvalidFlowException.class);
    assertThat(dir.resolve("support.yaml")).doesNotExist();

    r.put("support", "name: support\nanswers: {default: true}\n");
    assertThat(r.get("support")).isPresent();
    assertThat(r.delete("support")).isTrue();
    assertThat(r.get("support")).isEmpty();
  }

  @Test
  void theBundledFlowIsReadOnly() {
    assertThatThrownBy(() -> FlowRepository.bundled().put("x", "answers: {default: true}\n"))
        .hasMessageContaining("no flows directory is configured (flows.dir)");
  }
}
