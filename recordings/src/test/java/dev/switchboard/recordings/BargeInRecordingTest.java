package dev.switchboard.recordings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.switchboard.recordings.audio.StereoWavFile;
import dev.switchboard.recordings.transcript.TranscriptFiles;
import dev.switchboard.recordings.transcript.TranscriptLine;
import dev.switchboard.testkit.ScriptedSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The barge-in scenario of the agent-bridge timeline tests, recorded: the agent track ends where
 * the caller stopped hearing the agent, and the transcript says how much was heard.
 */
class BargeInRecordingTest {

  @TempDir Path root;

  @Test
  void agentTrackEndsAtTheTruncationPointAndTheLineSaysInterrupted() throws Exception {
    // Caller speaks 0.5-2.5 s; 10 s of agent audio from 3.5 s (4x real time); barge-in at 5.0 s.
    RecordedCall c = new RecordedCall(root, "barge", RecordingConfig.defaults());
    c.transport.callerSignal(RecordedCall.caller(12, -20, 1, 0.5, 2.5, 5.0, 6.5));
    c.backend.speak(
        Duration.ofMillis(3500),
        "resp-1",
        "item-1",
        RecordedCall.agentTone(10, 440),
        4,
        "One two three four five six seven eight nine ten eleven twelve thirteen.");
    c.start();
    c.runUntil(12);
    RecordingMetadata meta = c.hangUpAndFinish();

    ScriptedSession.Truncation t = c.backend.session().truncations().getFirst();
    StereoWavFile.Channels ch = StereoWavFile.read(c.recorder.directory().resolve("audio.wav"));
    short[] agent = ch.agent().samples();
    int agentStart = AudioChecks.energyStart(agent, 0, -40);
    int agentEnd = AudioChecks.energyEnd(agent, 0, -40);
    int heardEnd = AudioChecks.energyEnd(c.transport.heard(), 0, -40);
    // What the caller heard (the carrier's own playout) and the recording end together...
    assertThat(agentEnd - heardEnd).isBetween(-160, 160);
    // ...which is where the item was truncated.
    double recordedHeard = (agentEnd - agentStart) / 8000.0;
    assertThat(recordedHeard).isCloseTo(t.heard().toNanos() / 1e9, within(0.020));
    assertThat(recordedHeard).isBetween(1.45, 1.7);
    // Nothing of the cleared audio after the cut.
    assertThat(AudioChecks.levelDbfs(agent, agentEnd + 160, 8000)).isLessThan(-80);

    List<TranscriptLine> lines =
        TranscriptFiles.read(c.recorder.directory().resolve("transcript.jsonl"));
    TranscriptLine line =
        lines.stream().filter(l -> l.type().equals("agent")).findFirst().orElseThrow();
    assertThat(line.fields().get("interrupted")).isEqualTo(true);
    long heardMs = ((Number) line.fields().get("heard_ms")).longValue();
    assertThat(heardMs).isEqualTo(t.heard().toMillis());
    assertThat(line.startMs()).isCloseTo(agentStart / 8, within(20L));
    assertThat(line.endMs()).isCloseTo(agentEnd / 8, within(20L));
    String heardText = (String) line.fields().get("heard_text");
    assertThat(line.text()).startsWith(heardText);
    assertThat(heardText.length()).isLessThan(line.text().length());
    assertThat(lines).anyMatch(l -> l.type().equals("barge_in"));

    assertThat(meta.bargeIns()).isEqualTo(1);
    assertThat(meta.state()).isEqualTo("complete");
    assertThat(meta.terminationResult()).isEqualTo("COMPLETED_CALLER_HANGUP");
    assertThat(meta.degraded()).isFalse();
    assertThat(Files.readString(c.recorder.directory().resolve("transcript.vtt")))
        .startsWith("WEBVTT")
        .contains("<v Agent>" + heardText + " —");
  }
}
