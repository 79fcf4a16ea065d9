package dev.switchboard.recordings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.recordings.audio.StereoWavFile;
import dev.switchboard.testkit.Tones;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.io.AudioFiles;
import dev.switchboard.transcoding.io.AudioReader;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 16 kHz recordings (resampled taps) and the Ogg Opus archive beside the WAV. */
class ArchiveAndRateTest {

  @TempDir Path root;

  @Test
  void sixteenKilohertzRecordingWithOpusArchiveKeepsBothLegs() throws Exception {
    RecordedCall c =
        new RecordedCall(
            root, "wide", RecordingConfig.defaults().withSampleRate(16000).withArchiveOpus(true));
    short[] caller = new short[8 * 8000];
    dev.switchboard.testkit.Signals.mixInto(caller, Tones.sine(700, -16, 3000, 8000), 8000);
    c.transport.callerSignal(caller);
    c.backend.speak(
        Duration.ofMillis(4500), "resp-1", "item-1", RecordedCall.agentTone(2, 1200), 4, "Tone.");
    c.start();
    c.runUntil(8);
    RecordingMetadata meta = c.hangUpAndFinish();

    Path dir = c.recorder.directory();
    StereoWavFile.Channels ch = StereoWavFile.read(dir.resolve("audio.wav"));
    assertThat(ch.caller().sampleRateHz()).isEqualTo(16000);
    assertThat(meta.audio().sampleRateHz()).isEqualTo(16000);
    short[] left = ch.caller().samples();
    short[] right = ch.agent().samples();
    assertThat(Tones.goertzelDb(left, 2 * 16000, 16000, 700, 16000)).isGreaterThan(-25);
    assertThat(Tones.goertzelDb(right, (int) (5.0 * 16000), 16000, 1200, 16000)).isGreaterThan(-25);
    assertThat(Tones.goertzelDb(right, 2 * 16000, 16000, 700, 16000)).isLessThan(-60);

    short[] callerOpus = decode(dir.resolve("caller.opus"));
    short[] agentOpus = decode(dir.resolve("agent.opus"));
    assertThat(Tones.goertzelDb(callerOpus, 2 * 16000, 16000, 700, 16000)).isGreaterThan(-25);
    assertThat(Tones.goertzelDb(agentOpus, (int) (5.0 * 16000), 16000, 1200, 16000))
        .isGreaterThan(-25);
    long wavBytes = Files.size(dir.resolve("audio.wav"));
    long opusBytes = Files.size(dir.resolve("caller.opus")) + Files.size(dir.resolve("agent.opus"));
    System.out.printf(
        "archive: WAV %d bytes, Opus %d bytes (%.1fx smaller)%n",
        wavBytes, opusBytes, wavBytes / (double) opusBytes);
    assertThat(wavBytes / (double) opusBytes).isGreaterThan(10);
  }

  private static short[] decode(Path file) throws Exception {
    try (AudioReader r =
        AudioFiles.openReader(file, dev.switchboard.transcoding.AudioFormat.parse("opus/16000"))) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PcmFrame f;
      while ((f = r.read(320)) != null) {
        ByteBuffer b = ByteBuffer.allocate(f.sampleCount() * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : f.samples()) {
          b.putShort(s);
        }
        out.write(b.array());
      }
      ByteBuffer all = ByteBuffer.wrap(out.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
      short[] s = new short[all.remaining() / 2];
      all.asShortBuffer().get(s);
      return s;
    }
  }
}
