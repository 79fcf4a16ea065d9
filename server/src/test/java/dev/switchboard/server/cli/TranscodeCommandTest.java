package dev.switchboard.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.server.Main;
import dev.switchboard.transcoding.AudioFormat;
import dev.switchboard.transcoding.PcmFrame;
import dev.switchboard.transcoding.g711.G711;
import dev.switchboard.transcoding.io.AudioFiles;
import dev.switchboard.transcoding.io.AudioReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscodeCommandTest {

  @TempDir Path dir;

  /** A 1 kHz tone at -10 dBFS, 8 kHz, as μ-law bytes. */
  private Path ulawTone(double seconds) throws IOException {
    int n = (int) (8000 * seconds);
    byte[] ulaw = new byte[n];
    for (int i = 0; i < n; i++) {
      double v = 0.316 * Math.sin(2 * Math.PI * 1000 * i / 8000.0);
      ulaw[i] = G711.linearToUlaw((short) Math.round(v * 32767));
    }
    Path file = dir.resolve("tone.ulaw");
    Files.write(file, ulaw);
    return file;
  }

  private static short[] readAll(Path file, AudioFormat format) throws IOException {
    try (AudioReader reader = AudioFiles.openReader(file, format)) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      int total = 0;
      short[] all = new short[0];
      for (PcmFrame f; (f = reader.read(480)) != null; ) {
        short[] grown = new short[total + f.sampleCount()];
        System.arraycopy(all, 0, grown, 0, total);
        System.arraycopy(f.samples(), 0, grown, total, f.sampleCount());
        all = grown;
        total += f.sampleCount();
      }
      bytes.close();
      return all;
    }
  }

  /** Power of {@code hz} relative to total power (Goertzel over the whole signal). */
  private static double toneFraction(short[] x, int from, int rate, double hz) {
    double w = 2 * Math.PI * hz / rate;
    double coeff = 2 * Math.cos(w);
    double s1 = 0;
    double s2 = 0;
    double energy = 0;
    int n = x.length - from;
    for (int i = from; i < x.length; i++) {
      double s = x[i] + coeff * s1 - s2;
      s2 = s1;
      s1 = s;
      energy += (double) x[i] * x[i];
    }
    double power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
    return 2 * power / n / energy;
  }

  private record Run(int code, String err) {}

  private static Run run(String... args) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      int code = Main.run(args);
      return new Run(code, buf.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(old);
    }
  }

  @Test
  void ulawToPcm24kWavKeepsTheToneWithExactLength() throws IOException {
    Path in = ulawTone(1.0);
    Path out = dir.resolve("out.wav");
    Run r =
        run(
            "transcode",
            "--in-format",
            "pcmu/8000",
            "--out-format",
            "pcm16/24000",
            "--in",
            in.toString(),
            "--out",
            out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).contains("50 frames").contains("8000->24000");

    short[] pcm = readAll(out, AudioFormat.PCM16_24K);
    assertThat(pcm).hasSize(24000); // exactly 3 × 8000: 160 -> 480 per frame, nothing lost
    // Skip the filter's start-up; the rest is (almost) all 1 kHz.
    assertThat(toneFraction(pcm, 480, 24000, 1000)).isGreaterThan(0.99);
  }

  @Test
  void roundTripThroughAllCodecsKeepsTheTone() throws IOException {
    Path in = ulawTone(0.5);
    Path alaw = dir.resolve("tone.alaw");
    Path opus = dir.resolve("tone.opus");
    Path back = dir.resolve("back.wav");
    assertThat(
            run(
                    "transcode",
                    "--in-format",
                    "pcmu/8000",
                    "--out-format",
                    "pcma/8000",
                    "--in",
                    in.toString(),
                    "--out",
                    alaw.toString())
                .code())
        .isZero();
    assertThat(
            run(
                    "transcode",
                    "--in-format",
                    "pcma/8000",
                    "--out-format",
                    "opus/48000",
                    "--in",
                    alaw.toString(),
                    "--out",
                    opus.toString())
                .code())
        .isZero();
    Run last =
        run(
            "transcode",
            "--out-format",
            "pcm16/16000",
            "--in",
            opus.toString(),
            "--out",
            back.toString());
    assertThat(last.code()).as(last.err()).isZero();
    short[] pcm = readAll(back, AudioFormat.PCM16_16K);
    assertThat(pcm.length).isBetween(7900, 8100);
    assertThat(toneFraction(pcm, 1600, 16000, 1000)).isGreaterThan(0.95);
  }

  @Test
  void unknownFormatIsOneClearLineAndExitCode2() throws IOException {
    Path in = ulawTone(0.1);
    Run r =
        run(
            "transcode",
            "--in-format",
            "gsm/8000",
            "--out-format",
            "pcm16/24000",
            "--in",
            in.toString(),
            "--out",
            dir.resolve("x.raw").toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().strip()).startsWith("switchboard transcode: unknown encoding 'gsm'");
    assertThat(r.err().strip().lines()).hasSize(1);
  }

  @Test
  void missingInputFileFails() {
    Run r =
        run(
            "transcode",
            "--in-format",
            "pcmu/8000",
            "--out-format",
            "pcm16/8000",
            "--in",
            dir.resolve("nope.ulaw").toString(),
            "--out",
            dir.resolve("x.raw").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("nope.ulaw");
  }

  @Test
  void wavHeaderThatDisagreesWithTheDeclaredFormatFails() throws IOException {
    Path in = ulawTone(0.1);
    Path wav = dir.resolve("tone.wav");
    assertThat(
            run(
                    "transcode",
                    "--in-format",
                    "pcmu/8000",
                    "--out-format",
                    "pcm16/8000",
                    "--in",
                    in.toString(),
                    "--out",
                    wav.toString())
                .code())
        .isZero();
    Run r =
        run(
            "transcode",
            "--in-format",
            "pcmu/8000",
            "--out-format",
            "pcm16/24000",
            "--in",
            wav.toString(),
            "--out",
            dir.resolve("y.wav").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("pcm16/8000").contains("pcmu/8000");
    assertThat(r.err().strip().lines()).hasSize(1);
  }
}
