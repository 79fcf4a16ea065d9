package dev.switchboard.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.bridge.backend.BackendEvent;
import dev.switchboard.recordings.audio.StereoWavFile;
import dev.switchboard.recordings.transcript.TranscriptFiles;
import dev.switchboard.recordings.transcript.TranscriptLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PCI pause: silence on both channels, redacted transcript and DTMF, spans in the metadata. */
class PciPauseTest {

  @TempDir Path root;

  @Test
  void dtmfRulePausesAndResumesRecording() throws Exception {
    RecordedCall c =
        new RecordedCall(root, "pci", RecordingConfig.defaults().withPciDigits('*', '#'));
    // Caller speaks throughout 0.5-7.5 s (the card number is read out while paused).
    c.transport.callerSignal(RecordedCall.caller(9, -20, 3, 0.5, 7.5));
    c.backend.at(
        Duration.ofMillis(4000),
        new BackendEvent.UserTranscript("item-card", "4111 1111 1111 1111"));
    c.start();
    c.runUntil(2.0);
    c.transport.pressDigit('*');
    c.runUntil(3.0);
    c.transport.pressDigit('7');
    c.runUntil(5.0);
    c.transport.pressDigit('#');
    c.runUntil(8);
    RecordingMetadata meta = c.hangUpAndFinish();

    StereoWavFile.Channels ch = StereoWavFile.read(c.recorder.directory().resolve("audio.wav"));
    short[] caller = ch.caller().samples();
    // Speech before and after, digital silence in between (a 20 ms margin for the tap cadence).
    assertThat(AudioChecks.levelDbfs(caller, 8000, 8000)).isGreaterThan(-35);
    assertThat(AudioChecks.levelDbfs(caller, (int) (2.05 * 8000), (int) (2.9 * 8000)))
        .isLessThan(-90);
    assertThat(AudioChecks.levelDbfs(caller, (int) (5.1 * 8000), 8000)).isGreaterThan(-35);

    assertThat(meta.pausedSpans()).hasSize(1);
    RecordingMetadata.PausedSpan span = meta.pausedSpans().getFirst();
    assertThat(span.startMs()).isBetween(1980L, 2020L);
    assertThat(span.endMs()).isBetween(4980L, 5020L);

    List<TranscriptLine> lines =
        TranscriptFiles.read(c.recorder.directory().resolve("transcript.jsonl"));
    TranscriptLine card =
        lines.stream().filter(l -> l.type().equals("caller")).findFirst().orElseThrow();
    assertThat(card.redacted()).isTrue();
    assertThat(card.text()).isEqualTo("[redacted]");
    assertThat(lines.stream().filter(l -> l.type().equals("dtmf")))
        .allSatisfy(l -> assertThat(l.redacted()).isTrue());
    String all =
        Files.readString(c.recorder.directory().resolve("transcript.jsonl"))
            + Files.readString(c.recorder.directory().resolve("transcript.txt"))
            + Files.readString(c.recorder.directory().resolve("transcript.vtt"));
    assertThat(all).doesNotContain("4111").doesNotContain("\"7\"");
  }

  @Test
  void apiPauseFromAnotherThreadSilencesFromTheLatestCallTime() throws Exception {
    RecordedCall c = new RecordedCall(root, "pci-api", RecordingConfig.defaults());
    c.transport.callerSignal(RecordedCall.caller(5, -20, 4, 0.2, 4.8));
    c.start();
    c.runUntil(1.0);
    Thread admin = Thread.ofVirtual().start(() -> c.recorder.pause("agent flow: card number"));
    admin.join(5000);
    c.runUntil(2.0);
    c.recorder.resume();
    c.runUntil(4);
    RecordingMetadata meta = c.hangUpAndFinish();

    assertThat(meta.pausedSpans())
        .extracting(RecordingMetadata.PausedSpan::reason)
        .containsExactly("agent flow: card number");
    short[] caller =
        StereoWavFile.read(c.recorder.directory().resolve("audio.wav")).caller().samples();
    assertThat(AudioChecks.levelDbfs(caller, (int) (1.05 * 8000), (int) (0.9 * 8000)))
        .isLessThan(-90);
    assertThat(AudioChecks.levelDbfs(caller, (int) (2.1 * 8000), 8000)).isGreaterThan(-35);
  }
}
