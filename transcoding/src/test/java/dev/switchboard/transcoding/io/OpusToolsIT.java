package dev.switchboard.transcoding.io;

import static dev.switchboard.transcoding.io.WavTest.readAll;
import static dev.switchboard.transcoding.testing.Signals.tone;
import static dev.switchboard.transcoding.testing.Signals.toneSnrDb;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.PcmFrame;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our Ogg Opus files checked by libopus' own tools (Debian {@code opus-tools}): {@code opusinfo}
 * validates pages, CRCs and granules; {@code opusdec} decodes them. Skipped when not installed.
 */
class OpusToolsIT {

  @TempDir Path dir;

  private Path writeTone(int rateHz, int samples) throws Exception {
    Path file = dir.resolve("ours.opus");
    try (AudioWriter w = AudioFiles.openWriter(file, AudioFormat.parse("opus/" + rateHz))) {
      short[] signal = tone(1000, rateHz, samples, 0.5);
      for (int off = 0; off < samples; off += rateHz / 100) {
        int n = Math.min(rateHz / 100, samples - off);
        short[] f = new short[n];
        System.arraycopy(signal, off, f, 0, n);
        w.write(new PcmFrame(f, rateHz));
      }
    }
    return file;
  }

  @Test
  void opusinfoAcceptsOurFile() throws Exception {
    ExternalTools.assumeInstalled("opusinfo");
    Path file = writeTone(24000, 24000 * 2 + 100);
    ExternalTools.Result info = ExternalTools.run("opusinfo", file.toString());
    assertThat(info.exitCode()).as(info.output()).isZero();
    assertThat(info.output())
        .doesNotContainIgnoringCase("warning")
        .doesNotContainIgnoringCase("error")
        .contains("Channels: 1")
        .contains("Original sample rate: 24000 Hz")
        .contains("Playback length: 0m:02.004s");
  }

  @Test
  void opusdecDecodesOurFileToTheSameLengthAndTone() throws Exception {
    ExternalTools.assumeInstalled("opusdec");
    Path file = writeTone(48000, 48000 + 480);
    Path wav = dir.resolve("decoded.wav");
    ExternalTools.Result dec =
        ExternalTools.run("opusdec", "--rate", "48000", file.toString(), wav.toString());
    assertThat(dec.exitCode()).as(dec.output()).isZero();
    try (AudioReader r = AudioFiles.openReader(wav, null)) {
      short[] pcm = readAll(r, 960);
      assertThat(pcm).hasSize(48000 + 480);
      assertThat(toneSnrDb(pcm, 4800, pcm.length - 960, 1000, 48000)).isGreaterThan(20);
    }
  }

  @Test
  void weDecodeOpusencFiles() throws Exception {
    ExternalTools.assumeInstalled("opusenc");
    ExternalTools.assumeInstalled("sox");
    Path source = dir.resolve("src.wav");
    ExternalTools.Result made =
        ExternalTools.run(
            "sox",
            "-n",
            "-r",
            "48000",
            "-b",
            "16",
            source.toString(),
            "synth",
            "1",
            "sine",
            "1000");
    assertThat(made.exitCode()).as(made.output()).isZero();
    Path file = dir.resolve("theirs.opus");
    ExternalTools.Result enc =
        ExternalTools.run(
            "opusenc", "--quiet", "--bitrate", "32", source.toString(), file.toString());
    assertThat(enc.exitCode()).as(enc.output()).isZero();
    try (AudioReader r = AudioFiles.openReader(file, AudioFormat.parse("opus/24000"))) {
      short[] pcm = readAll(r, 480);
      assertThat(pcm).hasSize(24000);
      assertThat(toneSnrDb(pcm, 2400, pcm.length - 2400, 1000, 24000)).isGreaterThan(20);
    }
  }
}
